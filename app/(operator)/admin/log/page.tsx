import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { getCurrentUser } from "@/lib/auth/session";
import { isOperator, listModerationLog } from "@/lib/moderation/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("moderation.log");
  return { title: t("title"), robots: { index: false } };
}

/** Every operator decision and every appeal, newest first: append-only, never edited. */
export default async function ModerationLogPage() {
  const user = await getCurrentUser();
  if (!user || !(await isOperator(user.id))) notFound();
  const [t, format, entries] = await Promise.all([getTranslations("moderation.log"), getFormatter(), listModerationLog()]);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Link href="/admin" className="text-sm text-muted underline-offset-4 hover:text-ink hover:underline">← {t("back")}</Link>
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl text-muted">{t("lead")}</p>
      </header>
      {entries.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
      ) : (
        <ol className="divide-y divide-line rounded-2xl border border-line bg-card" data-testid="moderation-log">
          {entries.map((entry) => (
            <li key={entry.id} className="space-y-1 px-5 py-4 text-sm">
              <p className="flex flex-wrap justify-between gap-2">
                <strong className="break-words">{t(`action.${entry.action}` as "action.dismiss", { label: entry.targetLabel })}</strong>
                <time dateTime={entry.createdAt.toISOString()} className="text-muted">{format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
              </p>
              <p className="break-words whitespace-pre-line text-muted">{entry.reason}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
