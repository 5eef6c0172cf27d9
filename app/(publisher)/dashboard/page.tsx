import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";
import { getModerationNotices } from "@/lib/moderation/queries";
import { listMyCauses } from "@/lib/topic/queries";
import { ModerationNotices } from "@/components/moderation/moderation-notices";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const [t, format, causes, notices] = await Promise.all([
    getTranslations("dashboard"),
    getFormatter(),
    listMyCauses(user.id),
    getModerationNotices(user.id),
  ]);
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-4xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("lead")}</p>
        </div>
        <ButtonLink href="/dashboard/new">{t("newCause")}</ButtonLink>
      </header>
      <ModerationNotices notices={notices} />
      {causes.length === 0 ? (
        <EmptyState title={t("emptyTitle")} action={<ButtonLink href="/dashboard/new">{t("newCause")}</ButtonLink>}>
          {t("emptyText")}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {causes.map((cause) => (
            <li key={cause.id}>
              <Card className="space-y-3">
                <div className="flex items-start justify-between gap-3">
                  <Link href={`/dashboard/causes/${cause.id}`} className="font-serif text-xl font-semibold hover:text-accent">
                    {cause.title}
                  </Link>
                  <Badge data-testid="cause-status">{t(`status.${cause.status}`)}</Badge>
                </div>
                <p className="text-sm text-muted">
                  {t("counts", { followers: cause.followerCount, updates: cause.updateCount })} ·{" "}
                  {t("edited", { date: format.dateTime(cause.updatedAt, { dateStyle: "medium" }) })}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
