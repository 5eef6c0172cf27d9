import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QueueItemCard } from "@/components/moderation/queue-item";
import { SuspendedList } from "@/components/moderation/suspended-list";
import { FormMessage } from "@/components/ui/form-message";
import { EmptyState } from "@/components/ui/empty-state";
import { getCurrentUser } from "@/lib/auth/session";
import { getModerationQueue, isOperator, listSuspended } from "@/lib/moderation/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("moderation.admin");
  return { title: t("title"), robots: { index: false } };
}

const DONE = ["dismiss", "hide_update", "unhide_update", "suspend_cause", "lift_cause", "suspend_group", "lift_group", "suspend_account", "lift_account"] as const;

/** The operators' moderation queue: open reports by target, and what is suspended or hidden now. */
export default async function ModerationPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  // For anybody but a signed-in operator this page does not exist (signed out: no sign-in hint either).
  const user = await getCurrentUser();
  if (!user || !(await isOperator(user.id))) notFound();
  const [t, td, queue, suspended, { done }] = await Promise.all([
    getTranslations("moderation.admin"),
    getTranslations("moderation.decision"),
    getModerationQueue(),
    listSuspended(),
    searchParams,
  ]);
  const doneMessage = DONE.find((d) => d === done) ? td(`done.${done as (typeof DONE)[number]}`) : done === "unchanged" ? td("unchanged") : null;
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
        <SuspendedList suspended={suspended} />
      </section>
    </div>
  );
}
