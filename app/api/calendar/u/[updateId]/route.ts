import { calendarOf, calendarResponse } from "@/lib/calendar/ics";
import { findCalendarEvent } from "@/lib/calendar/queries";
import { guardedRoute } from "@/lib/http";
import { absoluteUrl } from "@/lib/url";

/** GET /api/calendar/u/<updateId>: one event as an .ics file ("add to calendar"). */
export const GET = guardedRoute("calendar", async (_request: Request, { params }: { params: Promise<{ updateId: string }> }) => {
  const { updateId } = await params;
  const event = await findCalendarEvent(updateId);
  if (!event) return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return calendarResponse(calendarOf(event.title, absoluteUrl(`/c/${event.topic.slug}/u/${event.id}`), [event]), event.title);
});
