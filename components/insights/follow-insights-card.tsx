import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { INSIGHT_CHANNELS, sum, thisWeek, type DayCounts, type InsightChannel } from "@/lib/insights/rules";
import { ShowAsTable } from "@/components/ui/table-scroll";

type Props = { series: DayCounts[]; followers: Record<InsightChannel, number> };

// Colours per channel (the site's accent and two calm companions); leaves are drawn below the line.
const FILL: Record<InsightChannel, string> = { web: "var(--color-accent)", email: "#4b6b8a", fediverse: "#7a5c99" };
const WIDTH = 560;
const HEIGHT = 160;
const MID = 100;

/**
 * Ursachenforschung, first part: who came and who left over the last four weeks, per day and
 * channel — a server-drawn chart with a title, the week in words, and the same numbers as a table.
 * Counts only: nobody is named.
 */
export async function FollowInsightsCard({ series, followers }: Props) {
  const [t, format] = await Promise.all([getTranslations("insights"), getFormatter()]);
  const week = thisWeek(series);
  const total = series.reduce((n, d) => n + sum(d.follows) + sum(d.leaves), 0);
  const peak = Math.max(1, ...series.map((d) => Math.max(sum(d.follows), sum(d.leaves))));
  const barWidth = WIDTH / series.length;
  const scaleUp = (MID - 10) / peak;
  const scaleDown = (HEIGHT - MID - 4) / peak;
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { day: "numeric", month: "short", timeZone: "UTC" });
  const summary = t("weekSummary", { follows: week.follows, leaves: week.leaves, net: week.net });
  return (
    <Card className="space-y-4" data-testid="follow-insights">
      <div className="space-y-1">
        <h2 className="text-xl font-semibold">{t("followsTitle")}</h2>
        <p className="text-sm" data-testid="insights-week">{summary}</p>
        <p className="text-sm text-muted" data-testid="insights-followers">
          {t("followersNow", { web: followers.web, email: followers.email, fediverse: followers.fediverse })}
        </p>
      </div>
      {total === 0 ? (
        <p className="rounded-xl bg-line/40 px-4 py-3 text-sm text-muted" data-testid="insights-empty">{t("empty")}</p>
      ) : (
        <figure className="space-y-2">
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="follow-chart-title follow-chart-desc">
            <title id="follow-chart-title">{t("chartTitle")}</title>
            <desc id="follow-chart-desc">{summary}</desc>
            <line x1="0" x2={WIDTH} y1={MID} y2={MID} stroke="currentColor" strokeOpacity="0.3" />
            {series.map((d, i) => {
              let up = MID;
              let down = MID;
              return (
                <g key={d.day}>
                  {INSIGHT_CHANNELS.map((channel) => {
                    const h = d.follows[channel] * scaleUp;
                    up -= h;
                    return h ? <rect key={`f-${channel}`} x={i * barWidth + 2} y={up} width={barWidth - 4} height={h} fill={FILL[channel]} /> : null;
                  })}
                  {INSIGHT_CHANNELS.map((channel) => {
                    const h = d.leaves[channel] * scaleDown;
                    const y = down;
                    down += h;
                    return h ? <rect key={`l-${channel}`} x={i * barWidth + 2} y={y} width={barWidth - 4} height={h} fill={FILL[channel]} fillOpacity="0.45" /> : null;
                  })}
                </g>
              );
            })}
          </svg>
          <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
            {INSIGHT_CHANNELS.map((channel) => (
              <span key={channel} className="inline-flex items-center gap-1.5">
                <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: FILL[channel] }} />
                {t(`channel.${channel}`)}
              </span>
            ))}
            <span>{t("legend")}</span>
          </figcaption>
        </figure>
      )}
      <ShowAsTable summary={t("showTable")} label={t("chartTitle")}>
        <table className="w-full min-w-[22rem] text-left" data-testid="insights-table">
          <caption className="sr-only">{t("chartTitle")}</caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">{t("day")}</th>
              <th scope="col" className="py-1 pr-3 font-medium">{t("follows")}</th>
              <th scope="col" className="py-1 pr-3 font-medium">{t("leaves")}</th>
              <th scope="col" className="py-1 font-medium">{t("byChannel")}</th>
            </tr>
          </thead>
          <tbody>
            {[...series].reverse().map((d) => (
              <tr key={d.day} className="border-t border-line">
                <th scope="row" className="py-1 pr-3 font-normal">{day(d.day)}</th>
                <td className="py-1 pr-3">{sum(d.follows)}</td>
                <td className="py-1 pr-3">{sum(d.leaves)}</td>
                <td className="py-1 text-muted">
                  {INSIGHT_CHANNELS.filter((c) => d.follows[c] || d.leaves[c])
                    .map((c) => `${t(`channel.${c}`)} +${d.follows[c]}/−${d.leaves[c]}`)
                    .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ShowAsTable>
    </Card>
  );
}
