import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InvitationCard } from "@/components/group/invitation-card";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";
import { getGroupBySlug, listInvitationsForOwner, listMyGroups } from "@/lib/group/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups");
  return { title: t("dashboard.title") };
}

export default async function GroupsDashboardPage({ searchParams }: { searchParams: Promise<{ left?: string; declined?: string }> }) {
  const user = await requireUser("/dashboard/groups");
  const [t, tActions, { left, declined }, invitations, groups] = await Promise.all([
    getTranslations("groups"),
    getTranslations("groupActions"),
    searchParams,
    listInvitationsForOwner(user.id),
    listMyGroups(user.id),
  ]);
  // After declining an invitation: the group's public name, looked up (never text from the address).
  const declinedGroup = typeof declined === "string" && declined.length <= 80 ? await getGroupBySlug(declined) : null;
  return (
    <div className="space-y-10">
      {declinedGroup ? (
        <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium" data-testid="declined-notice">
          {tActions("declined", { group: declinedGroup.name })}
        </p>
      ) : null}
      {left ? (
        <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium">
          {tActions(left === "archived" ? "leftArchivedNotice" : "leftNotice")}
        </p>
      ) : null}
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl space-y-2">
          <h1 className="text-4xl font-semibold">{t("dashboard.title")}</h1>
          <p className="text-muted">{t("dashboard.lead")}</p>
        </div>
        <ButtonLink href="/dashboard/groups/new">{t("dashboard.new")}</ButtonLink>
      </header>

      <section aria-labelledby="inbox-heading" className="space-y-4">
        <h2 id="inbox-heading" className="flex items-center gap-2 text-2xl font-semibold">
          {t("inbox.title")}
          {invitations.length ? (
            <span className="rounded-full bg-accent px-2 py-0.5 font-sans text-sm font-semibold text-white dark:text-stone-950" data-testid="inbox-count">
              {invitations.length}
            </span>
          ) : null}
        </h2>
        {invitations.length ? (
          <ul className="grid gap-4 lg:grid-cols-2">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <InvitationCard invitation={invitation} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">{t("inbox.empty")}</p>
        )}
      </section>

      <section aria-labelledby="groups-heading" className="space-y-4">
        <h2 id="groups-heading" className="text-2xl font-semibold">{t("dashboard.mine")}</h2>
        {groups.length ? (
          <ul className="grid gap-4 sm:grid-cols-2">
            {groups.map((group) => (
              <li key={group.id}>
                <Card className="space-y-2">
                  <div className="flex items-start justify-between gap-3">
                    <Link href={`/dashboard/groups/${group.id}`} className="font-serif text-xl font-semibold hover:text-accent">{group.name}</Link>
                    <Badge>{t(`dashboard.role.${group.role}`)}</Badge>
                  </div>
                  <p className="text-sm text-muted">{t("dashboard.counts", { members: group.memberCount, invitations: group.pendingInvitationCount })}</p>
                  <p className="text-sm text-muted">{t("dashboard.via", { title: group.myCause.title })}</p>
                </Card>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={t("dashboard.emptyTitle")} action={<ButtonLink href="/dashboard/groups/new" variant="secondary">{t("dashboard.new")}</ButtonLink>}>
            {t("dashboard.emptyText")}
          </EmptyState>
        )}
      </section>
    </div>
  );
}
