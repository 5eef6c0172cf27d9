import { DateTime } from "luxon";
// The publisher's side of the bargain (essay rule 3): few updates, never the same one twice.
import { foldCase } from "@/lib/text";

export const PUSH_BUDGET_DEFAULT = 3;
export const PUSH_BUDGET_MIN = 1;
export const PUSH_BUDGET_MAX = 7;
export const BUDGET_WINDOW_DAYS = 7;
export const REPETITION_WINDOW_DAYS = 14;
/** Dice similarity of normalised texts at or above which an update counts as a repetition. */
export const REPETITION_THRESHOLD = 0.8;

const DAY = 24 * 60 * 60 * 1000;

/**
 * How much of the rolling 7-day budget is used. `nextSlotAt` is when the oldest update in the
 * window drops out (null while there is room). Nothing is ever queued for later.
 */
export function budgetStatus(publishedAt: Date[], budget: number, now = new Date()) {
  const windowStart = now.getTime() - BUDGET_WINDOW_DAYS * DAY;
  const inWindow = publishedAt.map((d) => d.getTime()).filter((t) => t > windowStart).sort((a, b) => a - b);
  const used = inWindow.length;
  const remaining = Math.max(0, budget - used);
  // The slot that frees first belongs to the update that makes the window full.
  const blocking = used >= budget ? inWindow[used - budget] : undefined;
  return { used, remaining, nextSlotAt: blocking === undefined ? null : new Date(blocking + BUDGET_WINDOW_DAYS * DAY) };
}

/** Lower-case letters and digits only, umlauts folded, single spaces: "Heute!! 5 Uhr" → "heute 5 uhr". */
export function normaliseText(text: string): string {
  return foldCase(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const padded = ` ${text} `;
  for (let i = 0; i < padded.length - 1; i++) {
    const gram = padded.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Sørensen–Dice coefficient over character bigrams of the normalised texts: 1 = same, 0 = nothing shared. */
export function textSimilarity(a: string, b: string): number {
  const [x, y] = [normaliseText(a), normaliseText(b)];
  if (x === y) return 1;
  if (!x || !y) return 0;
  const [bx, by] = [bigrams(x), bigrams(y)];
  let shared = 0;
  for (const [gram, count] of bx) shared += Math.min(count, by.get(gram) ?? 0);
  const total = [...bx.values(), ...by.values()].reduce((sum, n) => sum + n, 0);
  return (2 * shared) / total;
}

/** The recent update a new one repeats (title and text together), or null. */
export function findRepetition<T extends { title: string; body: string; publishedAt: Date }>(
  candidate: { title: string; body: string },
  recent: T[],
  now = new Date(),
): T | null {
  const since = now.getTime() - REPETITION_WINDOW_DAYS * DAY;
  const text = `${candidate.title}\n${candidate.body}`;
  return (
    recent.find((u) => u.publishedAt.getTime() > since && textSimilarity(text, `${u.title}\n${u.body}`) >= REPETITION_THRESHOLD) ??
    null
  );
}

// --- Events and calls to action -------------------------------------------------------------

/** An update's kind, times, place and link as pages, feeds and calendars read them (news has none). */
export type ScheduleFields = {
  kind?: string;
  startsAt?: Date | null;
  endsAt?: Date | null;
  place?: string | null;
  deadline?: Date | null;
  callUrl?: string | null;
  timeZone?: string | null;
};

/**
 * How an event's or call's times are written everywhere (page, feed, fediverse), in the zone the
 * publisher gave and naming it: "Samstag, 5. Dezember 2026, 10:00 MEZ". Spelled out, because
 * dateStyle cannot be combined with a zone name.
 */
export function scheduleDateStyle(timeZone: string | null | undefined) {
  return { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: timeZone ?? undefined, timeZoneName: "short" } as const;
}

/** The times of an event or call, as the publisher gave them and as stored. */
export type Schedule = { kind: string; startsAt: Date | null; endsAt: Date | null; deadline: Date | null };

/**
 * A wall-clock time typed into a form ("2026-12-05T10:00", no offset) in a time zone, as an
 * instant; null when it is no such time — also inside a daylight-saving gap, where that wall-clock
 * time never happens (luxon would silently move it an hour).
 */
export function zonedTime(local: string, zone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const time = DateTime.fromISO(local, { zone });
  if (!time.isValid) return null;
  if (time.toFormat("yyyy-MM-dd'T'HH:mm") !== local) return null;
  return time.toJSDate();
}

/** The same instant as the form's wall-clock value in that zone (for editing a correction). */
export function localInputValue(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** When an event or call is over: its end (or start), or its deadline. Null for news. */
export function endOf(schedule: Schedule): Date | null {
  if (schedule.kind === "event") return schedule.endsAt ?? schedule.startsAt;
  if (schedule.kind === "call") return schedule.deadline;
  return null;
}

/** Past events and calls are marked as past wherever they are shown. */
export function isPast(schedule: Schedule, now = new Date()): boolean {
  const end = endOf(schedule);
  return end !== null && end.getTime() < now.getTime();
}

/** An event's place is an online link when it is one web address, and only then. */
export function onlineLink(place: string | null): string | null {
  if (!place || /\s/.test(place.trim())) return null;
  try {
    const url = new URL(place.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
