import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { getTranslations } from "next-intl/server";
import { FollowPanel } from "@/components/subscription/follow-panel";
import { ButtonLink } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { logger } from "@/lib/log.mjs";
import { recordInvitationOpened } from "@/lib/share/mutations";
import { getInvitation } from "@/lib/share/queries";
import { isCountableVisit } from "@/lib/share/rules";
import { getViewerEmailState } from "@/lib/subscription/email/queries";
import { getCauseBySlug } from "@/lib/topic/queries";

const log = logger("share");

type Props = { params: Promise<{ code: string }> };

// A personal link: never in search engines, never in a preview that shows the note.
export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * A personal invitation, as the invited person sees it: the publisher's note, the cause, and
 * Follow / Follow by email. Nothing happens without their click; opening it is remembered only as
 * "opened" (not for link previews, not when the publisher looks at it themselves).
 */
export default async function InvitationPage({ params }: Props) {
  const { code } = await params;
  const [invitation, user, t] = await Promise.all([getInvitation(code), getCurrentUser(), getTranslations("share.invitations")]);
  if (!invitation) notFound();
  const cause = await getCauseBySlug(invitation.topic.slug, user?.id);
  if (!cause) notFound();

  if (invitation.state !== "open") {
    return (
      <article className="max-w-2xl space-y-4" data-testid="invitation-ended">
        <h1 className="text-4xl font-semibold">{t("endedTitle")}</h1>
        <p className="text-muted">{t(invitation.state === "expired" ? "endedExpired" : "endedWithdrawn")}</p>
        {invitation.topic.status === "published" ? (
          <ButtonLink href={`/c/${invitation.topic.slug}`} variant="secondary">{t("toCause", { title: invitation.topic.title })}</ButtonLink>
        ) : null}
      </article>
    );
  }

  const requestHeaders = await headers();
  if (!cause.isOwner && isCountableVisit(requestHeaders)) {
    after(() => recordInvitationOpened(invitation.id).catch((error) => log.error({ err: error }, "invitation opening not recorded")));
  }
  const email = await getViewerEmailState(user?.id, { topicId: cause.id });
  const from = invitation.topic.owner?.name;
  return (
    <article className="max-w-3xl space-y-8" data-testid="invitation">
      <header className="space-y-3">
        <p className="text-sm font-semibold text-accent">{from ? t("eyebrowFrom", { name: from }) : t("eyebrow")}</p>
        <h1 className="text-4xl font-semibold">{t("greeting", { name: invitation.label })}</h1>
        {invitation.note ? (
          <blockquote className="rounded-2xl border-l-4 border-accent bg-card px-5 py-4 text-lg whitespace-pre-line break-words" lang={invitation.topic.language} data-testid="invitation-note">
            {invitation.note}
          </blockquote>
        ) : null}
      </header>
      <section aria-labelledby="invited-cause" className="space-y-4">
        <h2 id="invited-cause" className="text-2xl font-semibold" lang={cause.language}>
          <Link href={`/c/${cause.slug}`} className="hover:text-accent">{cause.title}</Link>
        </h2>
        {cause.summary ? <p className="text-muted" lang={cause.language}>{cause.summary}</p> : null}
        {/* The cause page is where a sign-in returns to complete the follow, with this invitation as its ref. */}
        <FollowPanel cause={cause} signedIn={Boolean(user)} source={`/c/${cause.slug}`} shareRef={invitation.code} email={email} />
        <p className="text-sm text-muted">{t("noObligation")}</p>
      </section>
    </article>
  );
}
