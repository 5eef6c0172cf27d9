import { calendarOf, calendarResponse } from "@/lib/calendar/ics";
import { causeCalendar } from "@/lib/calendar/queries";
import { guardedRoute } from "@/lib/http";
import { absoluteUrl } from "@/lib/url";

/** GET /api/calendar/c/<slug>: a cause's events as a calendar to subscribe to (webcal://) or import. */
export const GET = guardedRoute("calendar", async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const calendar = await causeCalendar(slug);
  if (!calendar) return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return calendarResponse(calendarOf(calendar.title, absoluteUrl(calendar.path), calendar.events), calendar.title);
});
