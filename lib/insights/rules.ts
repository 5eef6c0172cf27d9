// Ursachenforschung, as pure rules: follows and leaves per day and channel, the week in words, the
// days many left and the update before each, the places ranked, and the hints drawn from it all.
// Everything here is a count: no reader is ever named.

import { CHANNELS, type Channel } from "@/lib/db-enums";

export const INSIGHT_CHANNELS = CHANNELS;
export type InsightChannel = Channel;
export const INSIGHT_DAYS = 28;

/** One ledger entry as the dashboard reads it: what happened, when, on which channel. */
export type FollowEvent = { kind: "follow" | "leave"; at: Date; channel: InsightChannel };
export type DayCounts = {
  day: string;
  follows: Record<InsightChannel, number>;
  leaves: Record<InsightChannel, number>;
  /** When the day's first leave came (the update to blame for a spike came before it). */
  firstLeaveAt?: Date;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const zero = () => Object.fromEntries(INSIGHT_CHANNELS.map((c) => [c, 0])) as Record<InsightChannel, number>;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const sum = (counts: Record<InsightChannel, number>) => INSIGHT_CHANNELS.reduce((n, c) => n + counts[c], 0);

/** The last `days` UTC days up to `now`, oldest first, with follows and leaves per channel. */
export function followSeries(events: FollowEvent[], now: Date, days = INSIGHT_DAYS): DayCounts[] {
  const series: DayCounts[] = Array.from({ length: days }, (_, i) => ({ day: dayOf(new Date(now.getTime() - (days - 1 - i) * DAY_MS)), follows: zero(), leaves: zero() }));
  const byDay = new Map(series.map((d) => [d.day, d]));
  for (const event of events) {
    const bucket = byDay.get(dayOf(event.at));
    if (!bucket || event.at.getTime() > now.getTime()) continue;
    bucket[event.kind === "follow" ? "follows" : "leaves"][event.channel]++;
    if (event.kind === "leave" && (!bucket.firstLeaveAt || event.at < bucket.firstLeaveAt)) bucket.firstLeaveAt = event.at;
  }
  return series;
}

/** The last seven days of a series: how many came, how many left, and the net change. */
export function thisWeek(series: DayCounts[]) {
  const week = series.slice(-7);
  const follows = week.reduce((n, d) => n + sum(d.follows), 0);
  const leaves = week.reduce((n, d) => n + sum(d.leaves), 0);
  return { follows, leaves, net: follows - leaves };
}

// --- Why readers left: spikes of leaves and the update before each ------------------------------

/** A day is a spike when at least this many left and at least twice the window's daily average. */
export const SPIKE_MIN_LEAVES = 3;
/** How far back an update may lie to count as the one that preceded a spike. */
export const SPIKE_LOOKBACK_DAYS = 3;

export type LeaveSpike = { day: string; leaves: number; update: { id: string; title: string; publishedAt: Date } | null };

/**
 * Days with a spike of leaves, newest first, each with the last update published before the day's
 * first leave (and at most SPIKE_LOOKBACK_DAYS days before the day ended): pass updates from that
 * long before the series starts.
 */
export function leaveSpikes(series: DayCounts[], updates: { id: string; title: string; publishedAt: Date }[]): LeaveSpike[] {
  const perDay = series.map((d) => sum(d.leaves));
  const average = perDay.reduce((n, c) => n + c, 0) / Math.max(1, series.length);
  const ordered = [...updates].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  return series
    .filter((_, i) => perDay[i] >= SPIKE_MIN_LEAVES && perDay[i] >= 2 * average)
    .map((d) => {
      const dayEnd = new Date(`${d.day}T00:00:00Z`).getTime() + DAY_MS;
      const before = d.firstLeaveAt?.getTime() ?? dayEnd;
      const update = ordered.find((u) => u.publishedAt.getTime() < before && u.publishedAt.getTime() >= dayEnd - (SPIKE_LOOKBACK_DAYS + 1) * DAY_MS);
      return { day: d.day, leaves: sum(d.leaves), update: update ?? null };
    })
    .reverse();
}

// --- Which places brought people ---------------------------------------------------------------

export type Place = { id: string; label: string; personal: boolean; visits: number; follows: number };
export type RankedPlace = Place & { conversion: number | null };

/** Share links and invitations ranked by follows, then visits, with follows per visit. */
export function rankPlaces(places: Place[]): RankedPlace[] {
  return places
    .map((p) => ({ ...p, conversion: p.visits > 0 ? Math.min(1, p.follows / p.visits) : null }))
    .sort((a, b) => b.follows - a.follows || b.visits - a.visits || a.label.localeCompare(b.label));
}

// --- Plain-language hints ----------------------------------------------------------------------

export type Hint =
  | { key: "lateUpdateLeaves"; leaves: number; total: number }
  | { key: "noPartners"; similar: number }
  | { key: "noPlaces" }
  | { key: "quietAtUsualTime"; share: number }
  | { key: "bestPlace"; label: string; follows: number }
  | { key: "silentUpdates"; days: number };

/** Late evening and night, when an update reaches people who are winding down: 22:00–06:00. */
export const isLateHour = (hour: number) => hour >= 22 || hour < 6;

/**
 * What the numbers suggest, in the order a publisher should read them. Each hint needs enough data
 * to be more than a guess; none names a reader.
 */
export function deriveHints(input: {
  spikes: LeaveSpike[];
  leavesInWindow: number;
  publishedHourOf: (at: Date) => number;
  partners: number;
  similarCauses: number;
  places: RankedPlace[];
  usualHourQuietShare: number | null;
  daysSinceLastUpdate: number | null;
}): Hint[] {
  const hints: Hint[] = [];
  const late = input.spikes.filter((s) => s.update && isLateHour(input.publishedHourOf(s.update.publishedAt)));
  const lateLeaves = late.reduce((n, s) => n + s.leaves, 0);
  if (lateLeaves >= SPIKE_MIN_LEAVES && lateLeaves * 2 > input.leavesInWindow) {
    hints.push({ key: "lateUpdateLeaves", leaves: lateLeaves, total: input.leavesInWindow });
  }
  if (input.usualHourQuietShare !== null && input.usualHourQuietShare >= 0.5) {
    hints.push({ key: "quietAtUsualTime", share: input.usualHourQuietShare });
  }
  if (input.partners === 0 && input.similarCauses > 0) hints.push({ key: "noPartners", similar: input.similarCauses });
  const shared = input.places.filter((p) => !p.personal);
  if (shared.length === 0) hints.push({ key: "noPlaces" });
  else if (shared[0].follows > 0) hints.push({ key: "bestPlace", label: shared[0].label, follows: shared[0].follows });
  if (input.daysSinceLastUpdate !== null && input.daysSinceLastUpdate >= 30) hints.push({ key: "silentUpdates", days: input.daysSinceLastUpdate });
  return hints;
}

// --- What a group's admin may see ------------------------------------------------------------

/** From how many live member causes on a group's admin sees when their readers read, added up. */
export const GROUP_READING_MIN_MEMBERS = 3;

/**
 * Whether a group's admin sees its members' reading hours: only from GROUP_READING_MIN_MEMBERS live
 * members on. With two, the admin could take their own cause's numbers away and read the other's.
 */
export const groupReadingShown = (liveMembers: number) => liveMembers >= GROUP_READING_MIN_MEMBERS;
