import "server-only";
import { db } from "@/lib/db";
import { activeMemberTopicIds } from "@/lib/group/queries";
import { VISIBLE_UPDATE } from "@/lib/update/queries";
import type { CalendarEvent } from "./ics";

// What calendars show: visible events of live causes — upcoming ones and those of the last 90
// days (a subscribed calendar keeps its recent past), at most 200.

const RECENT_DAYS = 90;
const LIMIT = 200;
const eventFields = {
  id: true,
  title: true,
  body: true,
  startsAt: true,
  endsAt: true,
  place: true,
  timeZone: true,
  publishedAt: true,
  correctedAt: true,
  topic: { select: { slug: true, title: true } },
} as const;

/** Upcoming events first (the soonest), then as many of the recent past as fit, in time order. */
async function events(topicIds: string[], now: Date): Promise<CalendarEvent[]> {
  const since = new Date(now.getTime() - RECENT_DAYS * 24 * 60 * 60 * 1000);
  const where = { ...VISIBLE_UPDATE, topicId: { in: topicIds }, kind: "event" as const };
  const upcoming = await db.update.findMany({ where: { ...where, startsAt: { gte: now } }, select: eventFields, orderBy: { startsAt: "asc" }, take: LIMIT });
  const past =
    upcoming.length < LIMIT
      ? await db.update.findMany({ where: { ...where, startsAt: { gte: since, lt: now } }, select: eventFields, orderBy: { startsAt: "desc" }, take: LIMIT - upcoming.length })
      : [];
  return [...past.reverse(), ...upcoming] as CalendarEvent[];
}

/** One event, if it is visible. */
export async function findCalendarEvent(updateId: string): Promise<CalendarEvent | null> {
  const event = await db.update.findFirst({ where: { ...VISIBLE_UPDATE, id: updateId, kind: "event", startsAt: { not: null } }, select: eventFields });
  return event as CalendarEvent | null;
}

/** A published or archived cause's calendar, or null when it has none (draft, suspended, unknown). */
export async function causeCalendar(slug: string, now = new Date()) {
  const topic = await db.topic.findFirst({ where: { slug, status: { in: ["published", "archived"] } }, select: { id: true, slug: true, title: true } });
  return topic ? { title: topic.title, path: `/c/${topic.slug}`, events: await events([topic.id], now) } : null;
}

/** An active or archived group's calendar: its current members' events. */
export async function groupCalendar(slug: string, now = new Date()) {
  const group = await db.partnerGroup.findFirst({ where: { slug, status: { in: ["active", "archived"] } }, select: { id: true, slug: true, name: true } });
  return group ? { title: group.name, path: `/g/${group.slug}`, events: await events(await activeMemberTopicIds(group.id), now) } : null;
}
