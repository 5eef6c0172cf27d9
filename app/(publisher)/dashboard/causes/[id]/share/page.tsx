import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CreateRefForm } from "@/components/share/create-ref-form";
import { RefCard } from "@/components/share/ref-card";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";
import { InvitationCard } from "@/components/share/invitation-card";
import { InvitationForm } from "@/components/share/invitation-form";
import { invitationLink, refLink } from "@/lib/share/links";
import { listInvitations, listShareRefs } from "@/lib/share/queries";
import { MAX_OPEN_INVITATIONS } from "@/lib/share/rules";
import { getCauseForOwner } from "@/lib/topic/queries";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("share");
  return { title: t("title") };
}

export default async function ShareKitPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/causes/${id}/share`);
  const [t, ti, cause] = await Promise.all([getTranslations("share"), getTranslations("share.invitations"), getCauseForOwner(id, user.id)]);
  if (!cause) notFound();
  const [refs, invitations] = await Promise.all([listShareRefs(cause.id, user.id), listInvitations(cause.id, user.id)]);
  const openInvitations = invitations.filter((i) => i.state === "open").length;

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Link href={`/dashboard/causes/${cause.id}`} className="text-sm text-muted hover:text-ink hover:underline">← {cause.title}</Link>
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl text-muted">{t("lead")}</p>
      </header>

      {cause.status !== "published" ? (
        <p role="status" className="rounded-xl bg-accent-soft px-4 py-3 text-sm font-medium text-accent-strong">{t("publishFirst")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <Card>
            <CreateRefForm topicId={cause.id} />
          </Card>
          <Card className="space-y-3 bg-paper">
            <h2 className="text-lg font-semibold">{t("checklistTitle")}</h2>
            <ul className="space-y-2 text-sm">
              {(["fit", "moment", "readers", "few"] as const).map((item) => (
                <li key={item} className="flex gap-2">
                  <span aria-hidden className="text-accent">✓</span>
                  <span>{t(`checklist.${item}`)}</span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}

      <section aria-labelledby="refs-heading" className="space-y-4">
        <h2 id="refs-heading" className="text-2xl font-semibold">{t("refsHeading")}</h2>
        <p className="text-sm text-muted">{t("privacy")}</p>
        {refs.length === 0 ? (
          <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
        ) : (
          <ul className="space-y-4">
            {refs.map((ref) => (
              <li key={ref.id}>
                <RefCard shareRef={ref} url={refLink(cause.slug, ref.code)} cause={cause} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="invitations-heading" className="space-y-4" data-testid="invitations">
        <h2 id="invitations-heading" className="text-2xl font-semibold">{ti("heading")}</h2>
        <p className="max-w-2xl text-muted">{ti("lead", { max: MAX_OPEN_INVITATIONS })}</p>
        {cause.status === "published" ? (
          <Card className="max-w-2xl space-y-3">
            <p className="text-sm text-muted" data-testid="invitations-open">{ti("openCount", { count: openInvitations, max: MAX_OPEN_INVITATIONS })}</p>
            <InvitationForm topicId={cause.id} />
          </Card>
        ) : null}
        {invitations.length === 0 ? (
          <EmptyState title={ti("emptyTitle")}>{ti("emptyText")}</EmptyState>
        ) : (
          <ul className="space-y-4">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <InvitationCard invitation={invitation} url={invitationLink(invitation.code)} cause={cause} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
