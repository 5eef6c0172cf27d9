import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { MIN_READS_FOR_WINDOW, type PublishingWindow, type WeekGrid } from "@/lib/insights/reading-rules";
import { ShowAsTable } from "@/components/ui/table-scroll";

type Props = { grid: WeekGrid; quiet: WeekGrid | null; window: PublishingWindow | null; timeZone: string };

const CELL = 22;
const LEFT = 34;
const TOP = 16;
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * When readers read: a server-drawn heat map of reads per weekday and hour in the publisher's zone
 * (darker is more), the peak and a suggested publishing window in words, the share of email
 * followers in quiet hours at each hour, and the same numbers as tables.
 */
export async function ReadingTimesCard({ grid, quiet, window, timeZone }: Props) {
  const [t, format] = await Promise.all([getTranslations("insights"), getFormatter()]);
  const total = grid.flat().reduce((n, c) => n + c, 0);
  const peakValue = Math.max(0, ...grid.flat());
  const peakIndex = grid.flat().indexOf(peakValue);
  const often = (d: number) => t(`weekdaysOften.${d}`);
  const short = (d: number) => t(`weekdaysShort.${d}`);
  const summary = total
    ? t("readingSummary", { total, weekday: often(Math.floor(peakIndex / 24)), hour: peakIndex % 24, peak: peakValue })
    : t("readingEmpty");
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 0 });
  return (
    <Card className="space-y-4" data-testid="reading-times">
      <div className="space-y-1">
        <h2 className="text-xl font-semibold">{t("readingTitle")}</h2>
        <p className="text-sm text-muted">{t("readingLead", { zone: timeZone })}</p>
        <p className="text-sm" data-testid="reading-summary">{summary}</p>
        {total ? (
          <p className="text-sm font-medium" data-testid="publishing-window">
            {window
              ? t("window", {
                  weekday: often(window.weekday),
                  from: window.hour,
                  to: (window.hour + window.hours) % 24,
                  quiet: quiet ? percent(1 - window.quietShare) : "none",
                })
              : t("windowNone", { min: MIN_READS_FOR_WINDOW })}
          </p>
        ) : null}
      </div>
      {total ? (
        <figure className="space-y-2">
          {/* Wide screens: a row per weekday. Phones: a row per hour, so each cell stays large enough to see. */}
          <HeatMap grid={grid} quiet={quiet} peak={peakValue} label={short} title={t("readingChartTitle")} summary={summary} idPrefix="reading-wide" className="hidden sm:block" />
          <HeatMap grid={grid} quiet={quiet} peak={peakValue} label={short} title={t("readingChartTitle")} summary={summary} idPrefix="reading-tall" className="sm:hidden" tall />
          <figcaption className="flex flex-wrap items-center gap-2 text-xs text-muted">
            <span>{t("legendLess")}</span>
            {[0.15, 0.4, 0.7, 1].map((o) => (
              <span key={o} aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: "var(--color-accent)", opacity: o }} />
            ))}
            <span>{t("legendMore")}</span>
            {quiet ? (
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden className="inline-block h-3 w-3 rounded-sm border border-dashed border-ink/60" />
                {t("legendQuiet")}
              </span>
            ) : null}
          </figcaption>
        </figure>
      ) : (
        <p className="rounded-xl bg-line/40 px-4 py-3 text-sm text-muted" data-testid="reading-empty">{t("readingEmpty")}</p>
      )}
      <div className="space-y-1 text-sm">
        <h3 className="font-semibold">{t("quietTitle")}</h3>
        <p className="text-muted" data-testid="quiet-lead">{quiet ? t("quietLead") : t("quietNone")}</p>
      </div>
      <ShowAsTable summary={t("showTable")} label={t("readingChartTitle")} note={quiet ? t("readingTableNote") : undefined}>
        <table className="w-full min-w-[40rem] text-left tabular-nums" data-testid="reading-table">
          <caption className="sr-only">{t("readingChartTitle")}</caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">{t("hourCol")}</th>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col" className="py-1 pr-2 font-medium">{short(d)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {HOURS.map((h) => (
              <tr key={h} className="border-t border-line">
                <th scope="row" className="py-0.5 pr-2 font-normal">{`${String(h).padStart(2, "0")}–${String((h + 1) % 24).padStart(2, "0")}`}</th>
                {WEEKDAYS.map((d) => (
                  <td key={d} className="py-0.5 pr-2">
                    {grid[d][h]}
                    {quiet ? <span className="text-muted"> · {percent(quiet[d][h])}</span> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ShowAsTable>
    </Card>
  );
}

type HeatMapProps = {
  grid: WeekGrid;
  quiet: WeekGrid | null;
  peak: number;
  label: (weekday: number) => string;
  title: string;
  summary: string;
  idPrefix: string;
  className: string;
  tall?: boolean;
};

/**
 * The heat map itself: darker is more reads; a dashed outline marks hours in which most email
 * followers are in quiet hours. `tall` draws hours as rows and weekdays as columns (for phones).
 */
function HeatMap({ grid, quiet, peak, label, title, summary, idPrefix, className, tall }: HeatMapProps) {
  const cell = (d: number, h: number) => (tall ? { x: LEFT + d * CELL, y: TOP + h * CELL } : { x: LEFT + h * CELL, y: TOP + d * CELL });
  const width = LEFT + (tall ? 7 : 24) * CELL;
  const height = TOP + (tall ? 24 : 7) * CELL;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className={`h-auto w-full ${tall ? "max-w-[16rem]" : ""} ${className}`} role="img" aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`}>
      <title id={`${idPrefix}-title`}>{title}</title>
      <desc id={`${idPrefix}-desc`}>{summary}</desc>
      {tall
        ? WEEKDAYS.map((d) => (
            <text key={d} x={LEFT + d * CELL + 3} y={11} fontSize="10" fill="currentColor" fillOpacity="0.8">{label(d)}</text>
          ))
        : [0, 6, 12, 18].map((h) => (
            <text key={h} x={LEFT + h * CELL + 2} y={11} fontSize="10" fill="currentColor" fillOpacity="0.7">{h}</text>
          ))}
      {tall
        ? [0, 6, 12, 18].map((h) => (
            <text key={h} x={0} y={TOP + h * CELL + 15} fontSize="11" fill="currentColor" fillOpacity="0.7">{`${String(h).padStart(2, "0")}:00`}</text>
          ))
        : WEEKDAYS.map((d) => (
            <text key={d} x={0} y={TOP + d * CELL + 15} fontSize="11" fill="currentColor" fillOpacity="0.8">{label(d)}</text>
          ))}
      {WEEKDAYS.map((d) =>
        HOURS.map((h) => {
          const value = grid[d][h];
          const { x, y } = cell(d, h);
          const quietHour = (quiet?.[d][h] ?? 0) >= 0.5;
          return (
            <rect
              key={`${d}-${h}`}
              x={x + 1.5}
              y={y + 1.5}
              width={CELL - 3}
              height={CELL - 3}
              rx="3"
              fill={value ? "var(--color-accent)" : "currentColor"}
              fillOpacity={value ? 0.15 + 0.85 * (peak ? value / peak : 0) : 0.06}
              stroke={quietHour ? "currentColor" : undefined}
              strokeOpacity={quietHour ? 0.5 : undefined}
              strokeDasharray={quietHour ? "3 2" : undefined}
            />
          );
        }),
      )}
    </svg>
  );
}
