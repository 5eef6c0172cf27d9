import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/group/invite-form";
import { ActionButton } from "@/components/ui/action-button";
import { Button, ButtonLink } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { requireUser } from "@/lib/auth/session";
import { handOverGroupAction, leaveGroupAction, removeMemberAction, withdrawInvitationAction } from "@/lib/group/actions";
import { getGroupForManage, searchInvitableCauses } from "@/lib/group/queries";
import { NOTE_MAX } from "@/lib/group/rules";
import { groupSearchSchema } from "@/lib/group/schema";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ q?: string; created?: string; invited?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups");
  return { title: t("manage.title") };
}

export default async function ManageGroupPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const user = await requireUser(`/dashboard/groups/${id}`);
  const managed = await getGroupForManage(id, user.id);
  if (!managed) notFound();
  const { group, members, invitations, limits, isAdmin } = managed;
  const { q } = groupSearchSchema.parse({ q: query.q });
  const [t, tActions, tInsights, format, results] = await Promise.all([
    getTranslations("groups"),
    getTranslations("groupActions"),
    getTranslations("insights"),
    getFormatter(),
    // A search, or else "causes like yours": published causes sharing a tag with the group.
    isAdmin ? searchInvitableCauses(group.id, q ?? "", user.id) : Promise.resolve([]),
  ]);
  const suggestions = q ? [] : results.filter((cause) => !cause.member);
  const canInvite = isAdmin && limits.canInvite;
  // After sending an invitation: which cause, from the group's own list (never text from the address).
  const justInvited = query.invited ? invitations.find((invitation) => invitation.topic.id === query.invited && invitation.state === "pending") : undefined;

  // One list for search results and suggestions: each cause with where it stands with this group.
  const resultList = (items: typeof results) => (
    <ul className="space-y-3">
      {items.map((cause) => (
        <li key={cause.id} data-testid="invite-result">
          <Card className="space-y-3">
            <div>
              <Link href={`/c/${cause.slug}`} className="font-semibold hover:text-accent" target="_blank">{cause.title}</Link>
              {cause.summary ? <p className="text-sm text-muted">{cause.summary}</p> : null}
            </div>
            {cause.member ? (
              <p className="text-sm text-muted">{t("manage.alreadyMember")}</p>
            ) : cause.invited ? (
              <p className="text-sm text-muted">{t("manage.alreadyInvited")}</p>
            ) : cause.declinedUntil ? (
              <p className="text-sm text-muted">{t("manage.declinedUntil", { date: format.dateTime(cause.declinedUntil, { dateStyle: "medium" }) })}</p>
            ) : (
              <InviteForm groupId={group.id} topicId={cause.id} causeTitle={cause.title} noteMax={NOTE_MAX} />
            )}
          </Card>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="space-y-8">
      {query.created ? <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium">{t("manage.createdNotice")}</p> : null}
      {justInvited ? (
        <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium" data-testid="invited-notice">
          {tActions("invited", { cause: justInvited.topic.title })}
        </p>
      ) : null}
      <header className="space-y-2">
        <Link href="/dashboard/groups" className="text-sm text-muted hover:text-ink hover:underline">← {t("dashboard.title")}</Link>
        <h1 className="text-4xl font-semibold break-words">{group.name}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
          <Badge>{t(`manage.status.${group.status}`)}</Badge>
          <Link href={`/g/${group.slug}`} className="underline-offset-4 hover:text-ink hover:underline">{t("manage.viewPage")} /g/{group.slug}</Link>
        </p>
      </header>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-8">
          <section aria-labelledby="members-heading" className="space-y-3">
            <h2 id="members-heading" className="text-2xl font-semibold">{t("manage.members")}</h2>
            <ul className="space-y-3">
              {members.map((member) => (
                <li key={member.topic.id}>
                  <Card className="flex flex-wrap items-center justify-between gap-3">
                    <div className="min-w-0">
                      <Link href={`/c/${member.topic.slug}`} className="font-semibold hover:text-accent">{member.topic.title}</Link>
                      <p className="text-sm text-muted">
                        {t("page.memberSince", { date: format.dateTime(member.joinedAt, { dateStyle: "medium" }) })}
                        {member.isAdmin ? ` · ${t("manage.adminBadge")}` : ""}
                      </p>
                    </div>
                    <div className="flex flex-wrap gap-2">
                      {member.mine ? (
                        <ActionButton action={leaveGroupAction} fields={{ groupId: group.id, topicId: member.topic.id }} label={t("manage.leave")} ariaLabel={t("manage.leaveNamed", { title: member.topic.title })} testId="leave-group" />
                      ) : isAdmin ? (
                        <>
                          <ActionButton action={handOverGroupAction} fields={{ groupId: group.id, topicId: member.topic.id }} label={t("manage.handOver")} variant="ghost" />
                          <ActionButton action={removeMemberAction} fields={{ groupId: group.id, topicId: member.topic.id }} label={t("manage.remove")} variant="ghost" ariaLabel={t("manage.removeNamed", { title: member.topic.title })} />
                        </>
                      ) : null}
                    </div>
                  </Card>
                </li>
              ))}
            </ul>
          </section>

          {isAdmin ? (
            <section aria-labelledby="invite-heading" className="space-y-3">
              <h2 id="invite-heading" className="text-2xl font-semibold">{t("manage.inviteTitle")}</h2>
              <p className="text-sm text-muted">{t("manage.inviteLead", { max: limits.max, days: limits.ttlDays, cooldown: limits.cooldownDays })}</p>
              <p className="text-sm font-medium" data-testid="open-invitations">{t("manage.openCount", { open: limits.open, max: limits.max })}</p>
              {canInvite ? (
                <>
                  <form role="search" className="flex gap-2" action={`/dashboard/groups/${group.id}`}>
                    <label htmlFor="invite-q" className="sr-only">{t("manage.searchLabel")}</label>
                    <Input id="invite-q" name="q" type="search" defaultValue={q} placeholder={t("manage.searchPlaceholder")} maxLength={100} />
                    <Button type="submit" variant="secondary">{t("manage.search")}</Button>
                  </form>
                  {q ? (
                    results.length ? (
                      resultList(results)
                    ) : (
                      <p className="text-muted">{t("manage.noResults")}</p>
                    )
                  ) : suggestions.length ? (
                    <div className="space-y-3" data-testid="causes-like-yours">
                      <h3 className="text-lg font-semibold">{t("manage.likeYoursTitle")}</h3>
                      <p className="text-sm text-muted">{t("manage.likeYoursLead")}</p>
                      {resultList(suggestions)}
                    </div>
                  ) : null}
                </>
              ) : group.status === "active" ? (
                <p className="rounded-xl bg-line/60 px-4 py-3 text-sm">{t("manage.limitReached", { max: limits.max })}</p>
              ) : null}
            </section>
          ) : null}
        </div>

        <aside className="space-y-4">
          {isAdmin ? (
            <Card className="space-y-3" data-testid="insights-link">
              <h2 className="text-lg font-semibold">{tInsights("pageTitle")}</h2>
              <p className="text-sm text-muted">{tInsights("groupLead")}</p>
              <ButtonLink href={`/dashboard/groups/${group.id}/insights`} variant="secondary" size="sm">{tInsights("openPage")}</ButtonLink>
            </Card>
          ) : null}
          {isAdmin ? (
          <Card className="space-y-3">
            <h2 className="text-lg font-semibold">{t("manage.invitations")}</h2>
            {invitations.length ? (
              <ul className="space-y-3 text-sm">
                {invitations.map((invitation) => (
                  <li key={invitation.id} className="space-y-1" data-testid="sent-invitation" data-state={invitation.state}>
                    <p className="font-medium">{invitation.topic.title}</p>
                    <p className="text-muted">
                      {t(`manage.invitationState.${invitation.state}`)} · {format.dateTime(invitation.createdAt, { dateStyle: "medium" })}
                    </p>
                    {isAdmin && invitation.state === "pending" ? (
                      <ActionButton action={withdrawInvitationAction} fields={{ invitationId: invitation.id }} label={t("manage.withdraw")} variant="ghost" />
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted">{t("manage.noInvitations")}</p>
            )}
          </Card>
          ) : null}
          <Card className="space-y-2 bg-paper">
            <h2 className="text-lg font-semibold">{t("manage.privacyTitle")}</h2>
            <p className="text-sm text-muted">{t("manage.privacyText")}</p>
          </Card>
        </aside>
      </div>
    </div>
  );
}
