import { getTranslations } from "next-intl/server";
import { webcal } from "@/lib/calendar/links";
import { absoluteUrl } from "@/lib/url";

/** "Subscribe to events in your calendar": a webcal:// link (calendar apps subscribe) to a cause's or group's calendar. */
export async function CalendarLink({ path }: { path: string }) {
  const t = await getTranslations("cause");
  return (
    <p className="text-sm" data-testid="calendar-link">
      <a href={webcal(absoluteUrl(path))} className="font-medium text-accent underline underline-offset-4">
        {t("calendarSubscribe")}
      </a>{" "}
      <span className="text-muted">
        (<a href={path} className="underline underline-offset-4 hover:text-ink">.ics</a>) — {t("calendarHint")}
      </span>
    </p>
  );
}
