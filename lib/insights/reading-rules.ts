// Ursachenforschung, as pure rules: when a cause's readers read and what each update reached.
// Input and output are counts per hour bucket; nothing here knows a reader.

import { isbot } from "isbot";
import { DateTime } from "luxon";
import { inQuietHours, type QuietHours } from "@/lib/delivery/rules";

export const READ_CHANNELS = ["page", "feed"] as const;
export type ReadChannel = (typeof READ_CHANNELS)[number];
/** One counter row as the dashboard reads it. */
export type ReadBucket = { updateId: string; channel: ReadChannel; day: string; hour: number; count: number };
/** Hours of the week, Monday 00–01 first, in the publisher's time zone. */
export type WeekGrid = number[][];

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Below this many reads in the window, a suggested publishing time would be a guess. */
export const MIN_READS_FOR_WINDOW = 20;
/** How many hours a suggested publishing window spans. */
export const WINDOW_HOURS = 2;
/** How many days after publishing an update's reach is shown. */
export const REACH_DAYS = 7;
/**
 * How many different browsers (User-Agents) of one client network count as readers of one page or
 * feed in one hour. A household or an office has a few (most browsers of one version send the same
 * User-Agent anyway); a script inventing a User-Agent per request is held to this many, not one read
 * per request.
 */
export const MAX_BROWSERS_PER_NETWORK = 20;

// Feed readers name themselves in their User-Agent and are the reader's own agent; every other
// agent isbot knows (search engines, link checkers, headless browsers) is not counted.
const FEED_READER = /feed|rss|atom|reader|miniflux|netnewswire|newsblur|tt-rss|tiny tiny|thunderbird|liferea|akregator|newsboat|fluent|readkit|reeder|vienna/i;

/** Whether a request counts as a read: a person's browser for pages, a feed reader for feeds. */
export function isCountedAgent(agent: string | null | undefined, channel: ReadChannel): boolean {
  if (!agent || agent.length > 1000) return false;
  if (!isbot(agent)) return true;
  return channel === "feed" && FEED_READER.test(agent) && !/googlebot|bingbot|yandex|baiduspider|duckduckbot|headless/i.test(agent);
}

/** The counter bucket of a moment: its UTC day and hour. */
export function hourBucket(at: Date): { day: string; hour: number } {
  const iso = at.toISOString();
  return { day: iso.slice(0, 10), hour: at.getUTCHours() };
}

/** The moment a bucket starts. */
export const bucketStart = (b: Pick<ReadBucket, "day" | "hour">) => new Date(`${b.day}T${String(b.hour).padStart(2, "0")}:00:00Z`);

const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

// One formatter per zone: making one is far dearer than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) formatters.set(timeZone, (formatter = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", hourCycle: "h23" })));
  return formatter;
};

/** Weekday (Monday 0) and hour of a moment in a time zone. */
export function weekHour(at: Date, timeZone: string): { weekday: number; hour: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const weekday = WEEKDAY[parts.find((p) => p.type === "weekday")!.value];
  return { weekday, hour: Number(parts.find((p) => p.type === "hour")!.value) };
}

const emptyGrid = (): WeekGrid => Array.from({ length: 7 }, () => Array<number>(24).fill(0));

/** Reads per hour of the week in the publisher's time zone (page views and feed fetches together). */
export function readingGrid(buckets: ReadBucket[], timeZone: string): WeekGrid {
  // Added up per UTC hour first: four weeks are at most 672 conversions, however many rows.
  const perHour = new Map<string, number>();
  for (const b of buckets) perHour.set(`${b.day}|${b.hour}`, (perHour.get(`${b.day}|${b.hour}`) ?? 0) + b.count);
  const grid = emptyGrid();
  for (const [key, count] of perHour) {
    const [day, hour] = key.split("|");
    const at = weekHour(bucketStart({ day, hour: Number(hour) }), timeZone);
    grid[at.weekday][at.hour] += count;
  }
  return grid;
}

/**
 * For each hour of the week (in the publisher's zone, in the week starting at `weekStart`): the
 * share of email followers for whom that hour is inside their own quiet hours — a mail posted then
 * waits for them until morning.
 */
export function quietShareGrid(followers: (QuietHours & { timeZone: string; count?: number })[], timeZone: string, weekStart: Date): WeekGrid | null {
  // Followers may come grouped by their settings (`count` of each): the work grows with the
  // different settings, not with the followers.
  const total = followers.reduce((n, f) => n + (f.count ?? 1), 0);
  if (!total) return null;
  const grid = emptyGrid();
  // Each local day and hour on the wall clock, not 168 hours from the start: a week with a DST
  // change has 167 or 169 hours. An hour skipped when the clocks go forward is taken an hour later.
  const monday = DateTime.fromJSDate(weekStart, { zone: timeZone }).startOf("day");
  for (let d = 0; d < 7; d++) {
    const day = monday.plus({ days: d });
    for (let hour = 0; hour < 24; hour++) {
      const at = day.set({ hour, minute: 30 }).toJSDate();
      const quiet = followers.reduce((n, f) => n + (inQuietHours(at, f.timeZone, f) ? (f.count ?? 1) : 0), 0);
      grid[day.weekday - 1][hour] = quiet / total;
    }
  }
  return grid;
}

/** The Monday 00:00 (in the zone) of the week containing `now`, as an instant (to the hour). */
export function weekStartIn(now: Date, timeZone: string): Date {
  let at = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  for (let i = 0; i < 8 * 24; i++) {
    const { weekday, hour } = weekHour(at, timeZone);
    if (weekday === 0 && hour === 0) return at;
    at = new Date(at.getTime() - HOUR_MS);
  }
  return at;
}

/** A suggested window; `quietShare` is the largest share of email followers in quiet hours during it. */
export type PublishingWindow = { weekday: number; hour: number; hours: number; reads: number; quietShare: number };

/**
 * The suggested publishing window: the WINDOW_HOURS hours of the week in which most reads fell,
 * each weighed by the share of email followers who are not in quiet hours then. Null while there
 * are fewer than MIN_READS_FOR_WINDOW reads: too little to say anything.
 */
export function suggestWindow(reads: WeekGrid, quiet: WeekGrid | null): PublishingWindow | null {
  const flat = reads.flat();
  if (flat.reduce((n, c) => n + c, 0) < MIN_READS_FOR_WINDOW) return null;
  const quietFlat = quiet?.flat() ?? null;
  let best: PublishingWindow | null = null;
  let bestScore = -1;
  for (let start = 0; start < flat.length; start++) {
    let readsIn = 0;
    let score = 0;
    let quietShare = 0;
    for (let k = 0; k < WINDOW_HOURS; k++) {
      const i = (start + k) % flat.length;
      readsIn += flat[i];
      score += flat[i] * (1 - (quietFlat?.[i] ?? 0));
      quietShare = Math.max(quietShare, quietFlat?.[i] ?? 0);
    }
    if (score > bestScore) {
      bestScore = score;
      best = { weekday: Math.floor(start / 24), hour: start % 24, hours: WINDOW_HOURS, reads: readsIn, quietShare };
    }
  }
  return best;
}

export type UpdateReach = {
  id: string;
  title: string;
  publishedAt: Date;
  /** Views of the update's own page, per day since publishing (REACH_DAYS days). */
  ownViews: number[];
  /** Views of the cause page and feed fetches while this update was the newest one. */
  pageViews: number;
  feedFetches: number;
  total: number;
};

/**
 * What each update reached: views of its own page in its first REACH_DAYS days, and views of the
 * cause page and fetches of its feeds while it was the newest update (a reader then saw it first).
 * Updates newest first.
 */
export function reachPerUpdate(updates: { id: string; title: string; publishedAt: Date }[], buckets: ReadBucket[], now: Date): UpdateReach[] {
  const ordered = [...updates].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  const result = ordered.map((u, i) => {
    const start = Math.floor(u.publishedAt.getTime() / HOUR_MS) * HOUR_MS;
    // Up to the hour the next update went out in: that hour is the next update's, so no read counts twice.
    const next = ordered[i + 1] ? Math.floor(ordered[i + 1].publishedAt.getTime() / HOUR_MS) * HOUR_MS : now.getTime() + HOUR_MS;
    const ownViews = Array<number>(REACH_DAYS).fill(0);
    let pageViews = 0;
    let feedFetches = 0;
    for (const b of buckets) {
      const at = bucketStart(b).getTime();
      if (b.updateId === u.id) {
        const day = Math.floor((at - start) / DAY_MS);
        if (day >= 0 && day < REACH_DAYS) ownViews[day] += b.count;
      } else if (b.updateId === "" && at >= start && at < next) {
        if (b.channel === "feed") feedFetches += b.count;
        else pageViews += b.count;
      }
    }
    const own = ownViews.reduce((n, c) => n + c, 0);
    return { ...u, ownViews, pageViews, feedFetches, total: own + pageViews + feedFetches };
  });
  return result.reverse();
}

/**
 * The hour (in the publisher's zone) at which they usually publish: the most common hour of the
 * window's updates, when at least two and at least half of them went out then. Null otherwise —
 * one update is no habit.
 */
export function usualHour(publishedAt: Date[], timeZone: string): number | null {
  const counts = new Map<number, number>();
  for (const at of publishedAt) {
    const { hour } = weekHour(at, timeZone);
    counts.set(hour, (counts.get(hour) ?? 0) + 1);
  }
  let best: [number, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best && best[1] >= 2 && best[1] * 2 >= publishedAt.length ? best[0] : null;
}

/** The share of instant email followers in quiet hours at one hour of the day, over the week. */
export function quietShareAtHour(quiet: WeekGrid, hour: number): number {
  return quiet.reduce((n, day) => n + day[hour], 0) / quiet.length;
}
