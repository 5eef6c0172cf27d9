// Ursachenforschung, as pure rules: follows and leaves per day and channel, and the week in words.
// Everything here is a count: no reader is ever named.

import { CHANNELS, type Channel } from "@/lib/db-enums";

export const INSIGHT_CHANNELS = CHANNELS;
export type InsightChannel = Channel;
export const INSIGHT_DAYS = 28;

/** One ledger entry as the dashboard reads it: what happened, when, on which channel. */
export type FollowEvent = { kind: "follow" | "leave"; at: Date; channel: InsightChannel };
export type DayCounts = { day: string; follows: Record<InsightChannel, number>; leaves: Record<InsightChannel, number> };

const DAY_MS = 24 * 60 * 60 * 1000;
const zero = () => Object.fromEntries(INSIGHT_CHANNELS.map((c) => [c, 0])) as Record<InsightChannel, number>;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const sum = (counts: Record<InsightChannel, number>) => INSIGHT_CHANNELS.reduce((n, c) => n + counts[c], 0);

/** The last `days` UTC days up to `now`, oldest first, with follows and leaves per channel. */
export function followSeries(events: FollowEvent[], now: Date, days = INSIGHT_DAYS): DayCounts[] {
  const series = Array.from({ length: days }, (_, i) => ({ day: dayOf(new Date(now.getTime() - (days - 1 - i) * DAY_MS)), follows: zero(), leaves: zero() }));
  const byDay = new Map(series.map((d) => [d.day, d]));
  for (const event of events) {
    const bucket = byDay.get(dayOf(event.at));
    if (bucket && event.at.getTime() <= now.getTime()) bucket[event.kind === "follow" ? "follows" : "leaves"][event.channel]++;
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
