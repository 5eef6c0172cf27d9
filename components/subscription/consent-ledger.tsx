import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { parseLedgerDetail, type LedgerDetail } from "@/lib/subscription/email/rules";

type LedgerEvent = {
  id: string;
  action: "subscribe" | "request" | "confirm" | "leave" | "preferences" | "delivery";
  detail: string | null;
  source: string;
  ref: string | null;
  consentVersion: string;
  createdAt: Date;
};

/**
 * The append-only record of one subscription, in the reader's own time zone, with a download of
 * everything. A list of entries rather than a table, so it reads at phone width too.
 */
export async function ConsentLedger({ events, timeZone, downloadHref }: { events: LedgerEvent[]; timeZone: string; downloadHref: string }) {
  const [t, tp, format] = await Promise.all([getTranslations("email.ledger"), getTranslations("email.prefs"), getFormatter()]);
  // Each stored detail as a sentence in the page's language, dates in the reader's time zone.
  const describe = (part: LedgerDetail): string => {
    switch (part.kind) {
      case "fixed":
        return t(`details.${part.key}`);
      case "partnerNews":
        return t("details.partnerNews", { on: String(part.on) });
      case "kinds":
        return t("details.kinds", { kinds: format.list(part.kinds.map((kind) => tp(`kind.${kind}`)), { type: "conjunction" }) });
      case "cadence":
        return ["instant", "daily", "weekly"].includes(part.cadence) ? t("details.cadence", { cadence: tp(`cadenceOption.${part.cadence}`) }) : part.cadence;
      case "weekday":
        return t("details.weekday", { weekday: tp(`weekdayName.${part.weekday}`) });
      case "timeZone":
        return t("details.timeZone", { zone: part.zone });
      case "quietHours":
        return part.from && part.to ? t("details.quietHours", { from: part.from, to: part.to }) : t("details.quietHoursNone");
      case "pausedUntil":
        return part.until ? t("details.pausedUntil", { date: format.dateTime(part.until, { dateStyle: "full", timeZone }) }) : t("details.pauseEnded");
      case "mailLocale":
        return t("details.mailLocale", { language: t("details.languageName", { locale: part.locale }) });
      case "addressRejected":
        return t("details.addressRejected");
      case "raw":
        return part.text;
    }
  };
  return (
    <section aria-labelledby="ledger-heading" className="space-y-4" data-testid="consent-ledger">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h2 id="ledger-heading" className="text-2xl font-semibold">{t("title")}</h2>
          <p className="max-w-prose text-sm text-muted">{t("lead")} {t("timeZoneNote", { zone: timeZone })}</p>
        </div>
        <ButtonLink href={downloadHref} variant="secondary" size="sm" prefetch={false} data-testid="ledger-download" download>
          {t("download")}
        </ButtonLink>
      </div>
      {events.length === 0 ? (
        <p className="text-muted">{t("empty")}</p>
      ) : (
        <ol className="divide-y divide-line rounded-2xl border border-line bg-card">
          {[...events].reverse().map((event) => (
            <li key={event.id} className="grid gap-x-6 gap-y-1 px-4 py-3 sm:grid-cols-[11rem_1fr] sm:px-5" data-testid="ledger-entry" data-action={event.action}>
              <time dateTime={event.createdAt.toISOString()} className="text-sm tabular-nums text-muted">
                {format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
              </time>
              <div className="min-w-0 space-y-1">
                <p className="font-semibold">{t(`actionName.${event.action}`)}</p>
                {event.detail ? (
                  <p className="text-sm" data-testid="ledger-detail">
                    <span className="sr-only">{t("detail")}: </span>
                    {parseLedgerDetail(event.detail).map((part) => describe(part)).join(" ")}
                  </p>
                ) : null}
                <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-muted">
                  <div className="flex gap-1"><dt>{t("source")}:</dt><dd className="break-all font-mono">{event.source}</dd></div>
                  {event.ref ? <div className="flex gap-1"><dt>{t("ref")}:</dt><dd className="font-mono">{event.ref}</dd></div> : null}
                  <div className="flex gap-1"><dt>{t("version")}:</dt><dd className="font-mono">{event.consentVersion}</dd></div>
                </dl>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
