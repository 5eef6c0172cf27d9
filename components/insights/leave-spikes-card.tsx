import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { LeaveSpike } from "@/lib/insights/rules";

/**
 * Why people left: the days with a spike of leaves, each next to the update published just before
 * it (linked), so a publisher can read what may have driven people away. Counts only.
 */
export async function LeaveSpikesCard({ spikes, causeSlug }: { spikes: LeaveSpike[]; causeSlug?: string }) {
  const [t, format] = await Promise.all([getTranslations("insights"), getFormatter()]);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { weekday: "short", day: "numeric", month: "long", timeZone: "UTC" });
  return (
    <Card className="space-y-3" data-testid="leave-spikes">
      <h2 className="text-xl font-semibold">{t("spikesTitle")}</h2>
      <p className="text-sm text-muted">{t("spikesLead")}</p>
      {spikes.length ? (
        <ul className="space-y-2 text-sm">
          {spikes.map((spike) => (
            <li key={spike.day} className="rounded-xl border border-line px-3 py-2">
              <span className="font-medium">{t("spike", { day: day(spike.day), leaves: spike.leaves })}</span>{" "}
              <span className="text-muted">
                {spike.update
                  ? t.rich("spikeAfter", {
                      title: spike.update.title,
                      date: format.dateTime(spike.update.publishedAt, { dateStyle: "medium", timeStyle: "short" }),
                      // Isolated either way: a title in a right-to-left script must not reorder the sentence.
                      link: (chunks) =>
                        causeSlug ? (
                          <Link href={`/c/${causeSlug}/u/${spike.update!.id}`} className="break-words text-ink underline underline-offset-4"><bdi>{chunks}</bdi></Link>
                        ) : (
                          <bdi>{chunks}</bdi>
                        ),
                    })
                  : t("spikeNoUpdate")}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted" data-testid="spikes-empty">{t("spikesEmpty")}</p>
      )}
    </Card>
  );
}
