import "server-only";
import ical from "ical-generator";
import { markdownToText } from "@/lib/markdown";
import { absoluteUrl } from "@/lib/url";

// Calendars built with ical-generator (RFC 5545): each event in UTC, so every calendar app places
// it right without time-zone definitions; the publisher's zone is named in the description.

export type CalendarEvent = {
  id: string;
  title: string;
  body: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string | null;
  timeZone: string | null;
  publishedAt: Date;
  correctedAt: Date | null;
  topic: { slug: string; title: string };
};

/** A calendar of events: one for a single event, or a subscribable one for a cause or group. */
export function calendarOf(name: string, pageUrl: string, events: CalendarEvent[]): string {
  const calendar = ical({
    // The calendar's name is written as it is (not escaped): one line, no control characters.
    name: oneLine(name),
    prodId: { company: "Herzensthema", product: "Herzensthema", language: "DE" },
    url: pageUrl,
    // Subscribed calendars look again after an hour.
    ttl: 60 * 60,
  });
  const host = new URL(absoluteUrl("/")).host;
  for (const event of events) {
    const permalink = absoluteUrl(`/c/${event.topic.slug}/u/${event.id}`);
    calendar.createEvent({
      // Stable across downloads and feeds: a correction updates the same event (higher SEQUENCE).
      id: `${event.id}@${host}`,
      // Seconds from publication to the last correction: grows with every correction.
      sequence: event.correctedAt ? Math.max(1, Math.floor((event.correctedAt.getTime() - event.publishedAt.getTime()) / 1000)) : 0,
      start: event.startsAt,
      end: event.endsAt,
      stamp: event.correctedAt ?? event.publishedAt,
      lastModified: event.correctedAt ?? event.publishedAt,
      summary: event.title,
      description: [markdownToText(event.body, { excerpt: true }), `${event.topic.title}: ${permalink}`].filter(Boolean).join("\n\n"),
      location: event.place,
      url: permalink,
    });
  }
  return calendar.toString();
}

const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();

/** The answer for a calendar: text/calendar, a file name for downloads, short caching. */
export function calendarResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${fileName.replace(/[^a-z0-9.-]/gi, "-")}.ics"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
