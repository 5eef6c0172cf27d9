import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CauseForm } from "@/components/cause/cause-form";
import { StatusForm } from "@/components/cause/status-form";
import { FollowInsightsCard } from "@/components/insights/follow-insights-card";
import { LeaveReasonsCard } from "@/components/subscription/leave-reasons-card";
import { PublishUpdateForm } from "@/components/update/publish-update-form";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getCauseForOwner } from "@/lib/topic/queries";
import { getPushBudget } from "@/lib/update/queries";
import { getFollowInsights } from "@/lib/insights/queries";
import { env } from "@/lib/env";
import { timeZoneChoices } from "@/lib/subscription/email/rules";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; corrected?: string; deleted?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("manageTitle") };
}

export default async function ManageCausePage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/causes/${id}`);
  const [t, tc, ti, format, cause, { created, corrected, deleted }] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("correctUpdate"),
    getTranslations("insights"),
    getFormatter(),
    getCauseForOwner(id, user.id),
    searchParams,
  ]);
  if (!cause) notFound();
  const [budget, insights] = await Promise.all([getPushBudget(cause), getFollowInsights(cause.id, user.id)]);

  return (
    <div className="space-y-8">
      {created && cause.status === "draft" ? (
        <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium">{t("createdNotice")}</p>
      ) : null}
      {corrected ? <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium" data-testid="corrected-notice">{tc("correctedNotice")}</p> : null}
      {deleted ? <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium" data-testid="deleted-notice">{tc("deletedNotice")}</p> : null}
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <Link href="/dashboard" className="text-sm text-muted hover:text-ink hover:underline">← {t("title")}</Link>
          <h1 className="text-4xl font-semibold break-words">{cause.title}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
            <Badge data-testid="cause-status">{t(`status.${cause.status}`)}</Badge>
            <span>{t("followerCount", { count: cause.followerCount })}</span>
            <span aria-hidden>·</span>
            <Link href={`/c/${cause.slug}`} className="underline-offset-4 hover:text-ink hover:underline">
              {t("viewPage")} /c/{cause.slug}
            </Link>
          </p>
        </div>
      </header>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          <section aria-labelledby="post-heading" className="space-y-4">
            <h2 id="post-heading" className="text-2xl font-semibold">{t("postUpdate")}</h2>
            <Card>
              {cause.status === "published" ? (
                <div className="space-y-5">
                  <p className="text-sm text-muted" data-testid="push-budget">
                    {budget.remaining === 0 && budget.nextSlotAt
                      ? t("budgetFull", { budget: budget.budget, date: budget.nextSlotAt })
                      : t("budgetUsed", { used: budget.used, budget: budget.budget })}
                  </p>
                  <PublishUpdateForm topicId={cause.id} timeZones={timeZoneChoices(await getLocale())} defaultTimeZone={env.DEFAULT_TIME_ZONE} />
                </div>
              ) : (
                <p className="text-muted">{t("publishFirst")}</p>
              )}
            </Card>
          </section>
          {insights && cause.status !== "draft" ? <FollowInsightsCard series={insights.series} followers={insights.followers} /> : null}
          <section aria-labelledby="edit-heading" className="space-y-4">
            <h2 id="edit-heading" className="text-2xl font-semibold">{t("editCause")}</h2>
            <Card>
              <CauseForm
                slugLocked={cause.publishedAt !== null}
                initial={{
                  id: cause.id,
                  title: cause.title,
                  slug: cause.slug,
                  summary: cause.summary,
                  body: cause.body,
                  tags: cause.tags.map((tag) => tag.label).join(", "),
                  language: cause.language,
                  pushBudget: String(cause.pushBudget),
                }}
              />
            </Card>
          </section>
        </div>
        <aside className="space-y-6">
          <Card className="space-y-3">
            <h2 className="text-lg font-semibold">{t("statusTitle")}</h2>
            {cause.status === "draft" || cause.status === "published" || cause.status === "archived" ? (
              <StatusForm topicId={cause.id} status={cause.status} />
            ) : null}
          </Card>
          <Card className="space-y-3">
            <h2 className="text-lg font-semibold">{t("shareKitTitle")}</h2>
            <p className="text-sm text-muted">{t("shareKitText")}</p>
            <ButtonLink href={`/dashboard/causes/${cause.id}/share`} variant="secondary" size="sm">{t("shareKitOpen")}</ButtonLink>
          </Card>
          {cause.status !== "draft" ? (
            <Card className="space-y-3" data-testid="insights-link">
              <h2 className="text-lg font-semibold">{ti("pageTitle")}</h2>
              <p className="text-sm text-muted">{ti("openPageText")}</p>
              <ButtonLink href={`/dashboard/causes/${cause.id}/insights`} variant="secondary" size="sm">{ti("openPage")}</ButtonLink>
            </Card>
          ) : null}
          <LeaveReasonsCard topicId={cause.id} />
          <Card className="space-y-3">
            <h2 className="text-lg font-semibold">{t("recentUpdates")}</h2>
            {cause.updates.length ? (
              <ul className="space-y-2 text-sm">
                {cause.updates.map((update) => (
                  <li key={update.id}>
                    <Link href={`/c/${cause.slug}/u/${update.id}`} className="font-medium hover:text-accent">{update.title}</Link>
                    <p className="text-muted">{format.dateTime(update.publishedAt, { dateStyle: "medium", timeStyle: "short" })}</p>
                    <Link href={`/dashboard/causes/${cause.id}/updates/${update.id}`} className="text-muted underline-offset-4 hover:text-ink hover:underline" aria-label={tc("manageLinkNamed", { title: update.title })}>
                      {tc("manageLink")}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted">{t("noUpdates")}</p>
            )}
          </Card>
        </aside>
      </div>
    </div>
  );
}
