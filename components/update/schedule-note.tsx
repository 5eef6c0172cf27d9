import { getFormatter, getTranslations } from "next-intl/server";
import { eventCalendarPath } from "@/lib/calendar/links";
import { isPast, onlineLink, scheduleDateStyle, type ScheduleFields } from "@/lib/update/rules";
import { Badge } from "@/components/ui/card";

export type ScheduleOfUpdate = ScheduleFields & { id: string; kind: string };

/**
 * An event's when and where (with "add to calendar"), or a call's deadline and link — in the
 * time zone the publisher gave, which the text names. Marked past once it is over.
 */
export async function ScheduleNote({ update, now = new Date() }: { update: ScheduleOfUpdate; now?: Date }) {
  if (update.kind === "news") return null;
  const [t, format] = await Promise.all([getTranslations("update"), getFormatter()]);
  const timeZone = update.timeZone ?? undefined;
  const past = isPast({ kind: update.kind, startsAt: update.startsAt ?? null, endsAt: update.endsAt ?? null, deadline: update.deadline ?? null }, now);
  const style = scheduleDateStyle(timeZone);
  const when = (date: Date) => format.dateTime(date, style);
  const box = "mt-3 space-y-1.5 rounded-xl bg-line/40 px-4 py-3 text-sm";
  if (update.kind === "event" && update.startsAt) {
    const link = onlineLink(update.place ?? null);
    const range = update.endsAt
      ? format.dateTimeRange(update.startsAt, update.endsAt, style)
      : when(update.startsAt);
    return (
      <div className={box} data-testid="event-details">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">{t("eventWhen")}:</span>
          <time dateTime={update.startsAt.toISOString()}>{range}</time>
          {past ? <Badge data-testid="past-badge">{t("past")}</Badge> : null}
        </p>
        {update.place ? (
          <p className="break-words">
            <span className="font-semibold">{t("eventWhere")}:</span>{" "}
            {link ? (
              <a href={link} rel="nofollow ugc noopener" className="font-medium text-accent underline underline-offset-4">
                {t("joinOnline")}
              </a>
            ) : (
              update.place
            )}
          </p>
        ) : null}
        {past ? null : (
          <p>
            <a href={eventCalendarPath(update.id)} className="font-medium text-accent underline underline-offset-4" data-testid="add-to-calendar">
              {t("addToCalendar")}
            </a>
          </p>
        )}
      </div>
    );
  }
  if (update.kind === "call" && update.deadline) {
    return (
      <div className={box} data-testid="call-details">
        <p className="flex flex-wrap items-center gap-2">
          <time dateTime={update.deadline.toISOString()}>{t("callUntil", { date: when(update.deadline) })}</time>
          {past ? <Badge data-testid="past-badge">{t("callPast")}</Badge> : null}
        </p>
        {update.callUrl && !past ? (
          <p>
            <a href={update.callUrl} rel="nofollow ugc noopener" className="font-medium text-accent underline underline-offset-4">
              {t("callAct")}
            </a>
          </p>
        ) : null}
      </div>
    );
  }
  return null;
}
