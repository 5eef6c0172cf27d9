import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DecisionForm } from "@/components/moderation/decision-form";
import { QueueItemCard } from "@/components/moderation/queue-item";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth";
import { getModerationQueue, isOperator, listSuspended } from "@/lib/moderation/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("moderation.admin");
  return { title: t("title"), robots: { index: false } };
}

const DONE = ["dismiss", "hide_update", "unhide_update", "suspend_cause", "lift_cause", "suspend_group", "lift_group", "suspend_account", "lift_account"] as const;

/** The operators' moderation queue: open reports by target, and what is suspended or hidden now. */
export default async function ModerationPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireUser("/admin");
  // For anybody but an operator this page does not exist.
  if (!(await isOperator(user.id))) notFound();
  const [t, td, format, queue, suspended, { done }] = await Promise.all([
    getTranslations("moderation.admin"),
    getTranslations("moderation.decision"),
    getFormatter(),
    getModerationQueue(),
    listSuspended(),
    searchParams,
  ]);
  const doneMessage = DONE.find((d) => d === done) ? td(`done.${done as (typeof DONE)[number]}`) : done === "unchanged" ? td("unchanged") : null;
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "");
  const nothingSuspended = !suspended.causes.length && !suspended.groups.length && !suspended.accounts.length && !suspended.updates.length;
  return (
    <div className="space-y-10">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-4xl font-semibold">{t("title")}</h1>
          <p className="max-w-2xl text-muted">{t("lead")}</p>
        </div>
        <Link href="/admin/log" className="text-sm underline underline-offset-4 hover:text-accent">{t("logLink")}</Link>
      </header>
      {doneMessage ? <FormMessage status="ok" message={doneMessage} /> : null}

      <section aria-labelledby="queue-heading" className="space-y-4">
        <h2 id="queue-heading" className="text-2xl font-semibold">{t("queueHeading", { count: queue.length })}</h2>
        {queue.length === 0 ? (
          <EmptyState title={t("queueEmptyTitle")}>{t("queueEmptyText")}</EmptyState>
        ) : (
          <ol className="space-y-4">
            {queue.map((item) => (
              <li key={item.key}>
                <QueueItemCard item={item} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="suspended-heading" className="space-y-4">
        <h2 id="suspended-heading" className="text-2xl font-semibold">{t("suspendedHeading")}</h2>
        {nothingSuspended ? <p className="text-muted">{t("suspendedEmpty")}</p> : null}
        {suspended.causes.map((cause) => (
          <Card key={cause.id} className="space-y-3" data-testid="suspended-cause">
            <h3 className="text-lg font-semibold break-words">{t("suspendedCause", { title: cause.title })}</h3>
            <p className="text-sm text-muted">{t("suspendedSince", { date: date(cause.suspendedAt) })}{cause.owner?.suspendedAt ? ` · ${t("withAccount")}` : ""}</p>
            <p className="text-sm break-words whitespace-pre-line"><strong>{t("reason")}</strong> {cause.suspendedReason}</p>
            {cause.appealedAt ? (
              <blockquote className="rounded-xl bg-accent-soft px-4 py-3 text-sm break-words whitespace-pre-line" data-testid="appeal">
                <strong className="block">{t("appealFrom", { date: date(cause.appealedAt) })}</strong>
                {cause.appealNote}
              </blockquote>
            ) : (
              <p className="text-sm text-muted">{t("noAppeal")}</p>
            )}
            <DecisionForm target={`cause:${cause.id}`} decisions={["lift_cause"]} />
          </Card>
        ))}
        {suspended.groups.map((group) => (
          <Card key={group.id} className="space-y-3">
            <h3 className="text-lg font-semibold break-words">{t("suspendedGroup", { name: group.name })}</h3>
            <p className="text-sm text-muted">{t("suspendedSince", { date: date(group.suspendedAt) })}</p>
            <p className="text-sm break-words whitespace-pre-line"><strong>{t("reason")}</strong> {group.suspendedReason}</p>
            {group.appealedAt ? (
              <blockquote className="rounded-xl bg-accent-soft px-4 py-3 text-sm break-words whitespace-pre-line">
                <strong className="block">{t("appealFrom", { date: date(group.appealedAt) })}</strong>
                {group.appealNote}
              </blockquote>
            ) : null}
            <DecisionForm target={`group:${group.id}`} decisions={["lift_group"]} />
          </Card>
        ))}
        {suspended.accounts.map((account) => (
          <Card key={account.id} className="space-y-3">
            <h3 className="text-lg font-semibold break-words">{t("suspendedAccount", { name: account.name ?? account.id, causes: account._count.topics })}</h3>
            <p className="text-sm text-muted">{t("suspendedSince", { date: date(account.suspendedAt) })}</p>
            <p className="text-sm break-words whitespace-pre-line"><strong>{t("reason")}</strong> {account.suspendedReason}</p>
            <DecisionForm userId={account.id} decisions={["lift_account"]} />
          </Card>
        ))}
        {suspended.updates.map((update) => (
          <Card key={update.id} className="space-y-3">
            <h3 className="text-lg font-semibold break-words">{t("hiddenUpdate", { title: update.title, cause: update.topic.title })}</h3>
            <p className="text-sm text-muted">{t("hiddenSince", { date: date(update.hiddenAt) })}</p>
            <p className="text-sm break-words whitespace-pre-line"><strong>{t("reason")}</strong> {update.hiddenReason}</p>
            <DecisionForm target={`update:${update.id}`} decisions={["unhide_update"]} />
          </Card>
        ))}
      </section>
    </div>
  );
}
