import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import Link from "next/link";
import { CompleteFollow } from "@/components/cause/complete-follow";
import { FollowButton } from "@/components/cause/follow-button";
import { GroupFollowButton } from "@/components/group/group-follow-button";
import { EmailChannelToggle } from "@/components/subscription/email-channel-toggle";
import { EmailFollowForm } from "@/components/subscription/email-follow-form";
import { Button, ButtonLink } from "@/components/ui/button";
import { env } from "@/lib/env";
import { followIntentCookie } from "@/lib/subscription/rules";

type Following = { id: string; slug: string; status: string; followerCount: number; following: boolean; followingSince: Date | null };
type Common = {
  signedIn: boolean;
  source: string;
  /** A signed-in follower's email choice for this cause or group ("Also by email"). */
  email?: { subscriptionId: string; byEmail: boolean; pending: boolean } | null;
  /** More lines at the panel's foot (a group's feed links). */
  children?: ReactNode;
};
type Props = Common &
  (
    | {
        cause: Following & { title: string };
        /** The share link the visitor came through, passed on to the follow (aggregate counting only). */
        shareRef?: string;
        /** The page was opened as the return from sign-in after "Follow" (its ?follow=1). */
        followIntent?: boolean;
      }
    | { group: Following & { name: string } }
  );

/**
 * The one primary action of a cause page and of a group page: Follow (or why one cannot), the
 * consent text that says what following means, "Also by email" once following, and following by
 * email without an account. A cause's signed-out Follow is remembered through sign-in and then
 * completed; a group's asks to sign in first.
 */
export async function FollowPanel(props: Props) {
  const isCause = "cause" in props;
  const target = isCause ? props.cause : props.group;
  const title = isCause ? props.cause.title : props.group.name;
  const { signedIn, source, email, children } = props;
  const [t, te, format, cookieStore] = await Promise.all([
    getTranslations(isCause ? "cause" : "groups.page"),
    getTranslations("email.channel"),
    getFormatter(),
    cookies(),
  ]);
  const open = target.status === (isCause ? "published" : "active");
  const shareRef = isCause ? props.shareRef : undefined;
  // "Follow" pressed before signing in, for this cause, and this is the return from that sign-in:
  // completed now, once. (A choice left behind in a shared browser is not completed for whoever
  // signs in next and merely opens the page.)
  const pending = isCause && Boolean(props.followIntent) && signedIn && open && cookieStore.get(followIntentCookie(env.APP_URL))?.value === target.id;
  return (
    <div className="space-y-3 rounded-2xl border border-line bg-card p-5">
      {isCause && signedIn && open ? (
        // Always in place, so its "Done" stays when the page refreshes after the follow.
        <CompleteFollow active={pending} topicId={target.id} title={title} source={source} shareRef={shareRef} />
      ) : null}
      {!open ? (
        <p className="text-sm text-muted">
          {isCause ? `${t(target.status === "archived" ? "archivedNoFollow" : "draftNoFollow")} · ${t("followers", { count: target.followerCount })}` : t("archivedNoFollow")}
        </p>
      ) : signedIn ? (
        isCause ? (
          <FollowButton topicId={target.id} slug={target.slug} following={target.following} followerCount={target.followerCount} source={source} shareRef={shareRef} />
        ) : (
          <GroupFollowButton groupId={target.id} slug={target.slug} following={target.following} followerCount={target.followerCount} />
        )
      ) : isCause ? (
        // Signed out: the choice is kept in this browser while the person signs in, then completed.
        <form method="post" action="/api/follow-intent" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="topicId" value={target.id} />
          <input type="hidden" name="source" value={source} />
          {shareRef ? <input type="hidden" name="ref" value={shareRef} /> : null}
          <Button type="submit" className="min-w-36" data-testid="follow-button">
            {t("follow")}
          </Button>
          <p className="text-sm text-muted">{t("followers", { count: target.followerCount })}</p>
        </form>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(source)}`} className="min-w-36" data-testid="follow-button">
            {t("follow")}
          </ButtonLink>
          <p className="text-sm text-muted">{t("followers", { count: target.followerCount })}</p>
        </div>
      )}
      <p className="text-sm text-muted">
        {target.following && target.followingSince
          ? email?.byEmail && !email.pending
            ? te("followingSinceByEmail", { date: format.dateTime(target.followingSince, { dateStyle: "long" }) })
            : t("followingSince", { date: format.dateTime(target.followingSince, { dateStyle: "long" }) })
          : t("consentText")}
      </p>
      {open && signedIn && target.following && email ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-line pt-3 text-sm" data-testid="email-channel">
          <EmailChannelToggle subscriptionId={email.subscriptionId} title={title} byEmail={email.byEmail} source={source} />
          {email.pending ? <span className="text-muted">{te("pending")}</span> : null}
          <Link href={`/subscriptions/${email.subscriptionId}`} className="text-muted underline-offset-4 hover:text-ink hover:underline">
            {te("settings")}
          </Link>
        </div>
      ) : null}
      {open && !signedIn ? <EmailFollowForm target={isCause ? { topicId: target.id } : { groupId: target.id }} source={source} shareRef={shareRef} /> : null}
      {children}
    </div>
  );
}
