import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { FollowButton } from "./follow-button";

type Props = {
  cause: { id: string; slug: string; status: string; followerCount: number; following: boolean; followingSince: Date | null };
  signedIn: boolean;
  source: string;
  /** The share link the visitor came through, passed on to the follow (aggregate counting only). */
  shareRef?: string;
};

/** The cause page's one primary action, with the consent text that explains what following means. */
export async function FollowPanel({ cause, signedIn, source, shareRef }: Props) {
  const [t, format] = await Promise.all([getTranslations("cause"), getFormatter()]);
  return (
    <div className="space-y-3 rounded-2xl border border-line bg-card p-5">
      {cause.status !== "published" ? (
        <p className="text-sm text-muted">
          {t(cause.status === "archived" ? "archivedNoFollow" : "draftNoFollow")} · {t("followers", { count: cause.followerCount })}
        </p>
      ) : signedIn ? (
        <FollowButton
          topicId={cause.id}
          slug={cause.slug}
          following={cause.following}
          followerCount={cause.followerCount}
          source={source}
          shareRef={shareRef}
        />
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <ButtonLink
            href={`/signin?callbackUrl=${encodeURIComponent(shareRef ? `${source}?ref=${shareRef}&counted=1` : source)}`}
            className="min-w-36"
            data-testid="follow-button"
          >
            {t("follow")}
          </ButtonLink>
          <p className="text-sm text-muted">{t("followers", { count: cause.followerCount })}</p>
        </div>
      )}
      <p className="text-sm text-muted">
        {cause.following && cause.followingSince
          ? t("followingSince", { date: format.dateTime(cause.followingSince, { dateStyle: "long" }) })
          : t("consentText")}
      </p>
    </div>
  );
}
