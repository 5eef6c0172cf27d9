import { getFormatter, getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import Link from "next/link";
import { EmailChannelToggle } from "@/components/subscription/email-channel-toggle";
import { EmailFollowForm } from "@/components/subscription/email-follow-form";
import { Button } from "@/components/ui/button";
import { env } from "@/lib/env";
import { followIntentCookie } from "@/lib/subscription/rules";
import { CompleteFollow } from "./complete-follow";
import { FollowButton } from "./follow-button";

type Props = {
  cause: { id: string; slug: string; title: string; status: string; followerCount: number; following: boolean; followingSince: Date | null };
  signedIn: boolean;
  source: string;
  /** The share link the visitor came through, passed on to the follow (aggregate counting only). */
  shareRef?: string;
  /** The page was opened as the return from sign-in after "Follow" (its ?follow=1). */
  followIntent?: boolean;
  /** A signed-in follower's email choice for this cause ("Also by email"). */
  email?: { subscriptionId: string; byEmail: boolean; pending: boolean } | null;
};

/** The cause page's one primary action, with the consent text that explains what following means. */
export async function FollowPanel({ cause, signedIn, source, shareRef, email, followIntent = false }: Props) {
  const [t, te, format, cookieStore] = await Promise.all([getTranslations("cause"), getTranslations("email.channel"), getFormatter(), cookies()]);
  // "Follow" pressed before signing in, for this cause, and this is the return from that sign-in:
  // completed now, once. (A choice left behind in a shared browser is not completed for whoever
  // signs in next and merely opens the page.)
  const pending = followIntent && signedIn && cause.status === "published" && cookieStore.get(followIntentCookie(env.APP_URL))?.value === cause.id;
  return (
    <div className="space-y-3 rounded-2xl border border-line bg-card p-5">
      {signedIn && cause.status === "published" ? (
        // Always in place, so its "Done" stays when the page refreshes after the follow.
        <CompleteFollow active={pending} topicId={cause.id} title={cause.title} source={source} shareRef={shareRef} />
      ) : null}
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
        // Signed out: the choice is kept in this browser while the person signs in, then completed.
        <form method="post" action="/api/follow-intent" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="topicId" value={cause.id} />
          <input type="hidden" name="source" value={source} />
          {shareRef ? <input type="hidden" name="ref" value={shareRef} /> : null}
          <Button type="submit" className="min-w-36" data-testid="follow-button">
            {t("follow")}
          </Button>
          <p className="text-sm text-muted">{t("followers", { count: cause.followerCount })}</p>
        </form>
      )}
      <p className="text-sm text-muted">
        {cause.following && cause.followingSince
          ? email?.byEmail && !email.pending
            ? te("followingSinceByEmail", { date: format.dateTime(cause.followingSince, { dateStyle: "long" }) })
            : t("followingSince", { date: format.dateTime(cause.followingSince, { dateStyle: "long" }) })
          : t("consentText")}
      </p>
      {cause.status === "published" && signedIn && cause.following && email ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-line pt-3 text-sm" data-testid="email-channel">
          <EmailChannelToggle subscriptionId={email.subscriptionId} title={cause.title} byEmail={email.byEmail} source={source} />
          {email.pending ? <span className="text-muted">{te("pending")}</span> : null}
          <Link href={`/subscriptions/${email.subscriptionId}`} className="text-muted underline-offset-4 hover:text-ink hover:underline">
            {te("settings")}
          </Link>
        </div>
      ) : null}
      {cause.status === "published" && !signedIn ? <EmailFollowForm target={{ topicId: cause.id }} source={source} shareRef={shareRef} /> : null}
    </div>
  );
}
