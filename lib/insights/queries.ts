import "server-only";
import { db } from "@/lib/db";
import { followSeries, INSIGHT_CHANNELS, INSIGHT_DAYS, type FollowEvent, type InsightChannel } from "./rules";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Follows and leaves of one of the owner's causes per day and channel over the last four weeks,
 * read from the consent ledger and counted at once: a follow is a "subscribe" (page, fediverse)
 * or an email-only follower's "confirm"; a leave is a "leave". The channel is the subscription's
 * as it is now. Null when the cause is not the owner's.
 */
export async function getFollowInsights(topicId: string, ownerId: string, now = new Date()) {
  const topic = await db.topic.findFirst({ where: { id: topicId, ownerId }, select: { id: true } });
  if (!topic) return null;
  const since = new Date(now.getTime() - INSIGHT_DAYS * DAY_MS);
  const [rows, current] = await Promise.all([
    db.consentEvent.findMany({
      where: {
        topicId,
        createdAt: { gte: since, lte: now },
        OR: [{ action: "subscribe" }, { action: "leave" }, { action: "confirm", subscription: { userId: null } }],
      },
      select: { action: true, createdAt: true, subscription: { select: { channel: true } } },
    }),
    db.subscription.groupBy({ by: ["channel"], where: { topicId, status: "active" }, _count: { _all: true } }),
  ]);
  const events: FollowEvent[] = rows.map((row) => ({
    kind: row.action === "leave" ? "leave" : "follow",
    at: row.createdAt,
    channel: row.subscription.channel,
  }));
  const followers = Object.fromEntries(INSIGHT_CHANNELS.map((c) => [c, 0])) as Record<InsightChannel, number>;
  for (const row of current) followers[row.channel] = row._count._all;
  return { series: followSeries(events, now), followers };
}
