import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { REACH_DAYS, type UpdateReach } from "@/lib/insights/reading-rules";
import { ShowAsTable } from "@/components/ui/table-scroll";

const SPARK_W = 112;
const SPARK_H = 28;

/**
 * What each update of the last four weeks reached: its own page's views per day in its first week
 * (a small server-drawn chart), the cause page's views and the feed fetches while it was the newest,
 * in words and as a table.
 */
export async function ReachCard({ reach, causeSlug }: { reach: UpdateReach[]; causeSlug: string }) {
  const [t, format] = await Promise.all([getTranslations("insights"), getFormatter()]);
  const read = reach.some((u) => u.total > 0);
  return (
    <Card className="space-y-3" data-testid="update-reach">
      <h2 className="text-xl font-semibold">{t("reachTitle")}</h2>
      <p className="text-sm text-muted">{t("reachLead")}</p>
      {reach.length && read ? (
        <ul className="space-y-3">
          {reach.map((u) => {
            const own = u.ownViews.reduce((n, c) => n + c, 0);
            const peak = Math.max(1, ...u.ownViews);
            const line = t("reachLine", { total: u.total, own, page: u.pageViews, feed: u.feedFetches });
            return (
              <li key={u.id} className="flex flex-wrap items-center justify-between gap-3 border-t border-line pt-3 first:border-0 first:pt-0">
                <div className="min-w-0 flex-1">
                  <Link href={`/c/${causeSlug}/u/${u.id}`} className="font-medium break-words hover:text-accent">{u.title}</Link>
                  <p className="text-xs text-muted">{format.dateTime(u.publishedAt, { dateStyle: "medium", timeStyle: "short" })}</p>
                  <p className="text-sm" data-testid="reach-line">{line}</p>
                </div>
                <svg viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} width={SPARK_W} height={SPARK_H} role="img" aria-label={`${t("reachChartTitle")}: ${u.ownViews.join(", ")}`}>
                  <title>{`${t("reachChartTitle")}: ${u.ownViews.join(", ")}`}</title>
                  {u.ownViews.map((views, day) => {
                    const h = Math.max(views ? 2 : 1, (views / peak) * (SPARK_H - 2));
                    return <rect key={day} x={day * (SPARK_W / REACH_DAYS) + 1} y={SPARK_H - h} width={SPARK_W / REACH_DAYS - 3} height={h} rx="1.5" fill="var(--color-accent)" fillOpacity={views ? 0.85 : 0.2} />;
                  })}
                </svg>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="rounded-xl bg-line/40 px-4 py-3 text-sm text-muted" data-testid="reach-empty">{t("reachEmpty")}</p>
      )}
      {reach.length && read ? (
        <ShowAsTable summary={t("showTable")} label={t("reachTitle")}>
          <table className="w-full min-w-[30rem] text-left tabular-nums" data-testid="reach-table">
            <caption className="sr-only">{t("reachTitle")}</caption>
            <thead className="text-muted">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{t("reachUpdate")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("reachDays")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("reachOwn")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("reachPage")}</th>
                <th scope="col" className="py-1 font-medium">{t("reachFeed")}</th>
              </tr>
            </thead>
            <tbody>
              {reach.map((u) => (
                <tr key={u.id} className="border-t border-line">
                  <th scope="row" className="max-w-[14rem] py-1 pr-3 font-normal break-words">{u.title}</th>
                  <td className="py-1 pr-3">{u.ownViews.join(" · ")}</td>
                  <td className="py-1 pr-3">{u.ownViews.reduce((n, c) => n + c, 0)}</td>
                  <td className="py-1 pr-3">{u.pageViews}</td>
                  <td className="py-1">{u.feedFetches}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ShowAsTable>
      ) : null}
    </Card>
  );
}
