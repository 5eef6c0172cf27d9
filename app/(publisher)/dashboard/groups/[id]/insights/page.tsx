import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FollowInsightsCard } from "@/components/insights/follow-insights-card";
import { LeaveSpikesCard } from "@/components/insights/leave-spikes-card";
import { ReadingTimesCard } from "@/components/insights/reading-times-card";
import { requireUser } from "@/lib/auth/session";
import { getGroupInsights } from "@/lib/insights/queries";
import { GROUP_READING_MIN_MEMBERS } from "@/lib/insights/rules";
import { Card } from "@/components/ui/card";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("insights");
  return { title: t("pageTitle") };
}

/** Ursachenforschung for a partner group, for its admin: who follows and leaves, when readers read. */
export default async function GroupInsightsPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/groups/${id}/insights`);
  const [t, insights] = await Promise.all([getTranslations("insights"), getGroupInsights(id, user.id)]);
  if (!insights) notFound();
  const { group, follows, spikes, reading } = insights;
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <Link href={`/dashboard/groups/${group.id}`} className="text-sm text-muted hover:text-ink hover:underline">← {t("backToGroup")}</Link>
        <h1 className="text-4xl font-semibold break-words">{t("pageTitle")}</h1>
        <p className="text-lg break-words">{group.name}</p>
        <p className="text-muted">{t("groupLead")}</p>
      </header>
      {reading ? (
        <ReadingTimesCard grid={reading.grid} quiet={reading.quiet} window={reading.window} timeZone={reading.timeZone} />
      ) : (
        <Card className="space-y-2" data-testid="reading-too-few-members">
          <h2 className="text-xl font-semibold">{t("readingTitle")}</h2>
          <p className="text-sm text-muted">{t("groupReadingFewMembers", { min: GROUP_READING_MIN_MEMBERS })}</p>
        </Card>
      )}
      <div className="grid gap-8 lg:grid-cols-2">
        <FollowInsightsCard series={follows.series} followers={follows.followers} />
        <LeaveSpikesCard spikes={spikes} />
      </div>
      <p className="max-w-3xl text-sm text-muted">{t("counted")}</p>
    </div>
  );
}
