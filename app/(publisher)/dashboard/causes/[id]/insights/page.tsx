import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FollowInsightsCard } from "@/components/insights/follow-insights-card";
import { HintsCard } from "@/components/insights/hints-card";
import { LeaveSpikesCard } from "@/components/insights/leave-spikes-card";
import { PlacesCard } from "@/components/insights/places-card";
import { ReachCard } from "@/components/insights/reach-card";
import { ReadingTimesCard } from "@/components/insights/reading-times-card";
import { LeaveReasonsCard } from "@/components/subscription/leave-reasons-card";
import { requireUser } from "@/lib/auth/session";
import { getCauseInsights } from "@/lib/insights/queries";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("insights");
  return { title: t("pageTitle") };
}

/**
 * Ursachenforschung for one of the signed-in publisher's causes (rules 4 and 7 of the essay): why
 * it may be quiet — hints first, then who came and went, why people left, what each update reached,
 * which places brought people and when readers read. All of it aggregate counts.
 */
export default async function CauseInsightsPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/causes/${id}/insights`);
  const [t, insights] = await Promise.all([getTranslations("insights"), getCauseInsights(id, user.id)]);
  if (!insights) notFound();
  const { cause, follows, spikes, reach, places, reading, hints } = insights;
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <Link href={`/dashboard/causes/${cause.id}`} className="text-sm text-muted hover:text-ink hover:underline">← {t("backToCause")}</Link>
        <h1 className="text-4xl font-semibold break-words">{t("pageTitle")}</h1>
        <p className="text-lg break-words">{cause.title}</p>
        <p className="text-muted">{t("pageLead")}</p>
      </header>
      <HintsCard hints={hints} />
      <ReadingTimesCard grid={reading.grid} quiet={reading.quiet} window={reading.window} timeZone={reading.timeZone} />
      <div className="grid gap-8 lg:grid-cols-2">
        <div className="min-w-0 space-y-8">
          <FollowInsightsCard series={follows.series} followers={follows.followers} />
          <LeaveSpikesCard spikes={spikes} causeSlug={cause.slug} />
          <LeaveReasonsCard topicId={cause.id} />
        </div>
        <div className="min-w-0 space-y-8">
          <ReachCard reach={reach} causeSlug={cause.slug} />
          <PlacesCard places={places} shareKitHref={`/dashboard/causes/${cause.id}/share`} />
        </div>
      </div>
      <p className="max-w-3xl text-sm text-muted" data-testid="insights-counted">{t("counted")}</p>
    </div>
  );
}
