import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createShortCache } from "@/lib/feed/cache";
import { activeMemberTopicIds } from "@/lib/group/queries";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import { listSimilarCauses } from "@/lib/topic/queries";
import { VISIBLE_UPDATE } from "@/lib/update/queries";
import {
  bucketStart,
  quietShareAtHour,
  quietShareGrid,
  reachPerUpdate,
  readingGrid,
  suggestWindow,
  usualHour,
  weekHour,
  weekStartIn,
  type ReadBucket,
  type ReadChannel,
} from "./reading-rules";
import {
  deriveHints,
  followSeries,
  INSIGHT_CHANNELS,
  INSIGHT_DAYS,
  leaveSpikes,
  groupReadingShown,
  rankPlaces,
  SPIKE_LOOKBACK_DAYS,
  sum,
  type FollowEvent,
  type InsightChannel,
} from "./rules";

const DAY_MS = 24 * 60 * 60 * 1000;
type Scope = { topicId: string } | { groupId: string };

/**
 * Follows and leaves per day and channel over the last four weeks, read from the consent ledger
 * and counted at once: a follow is a "subscribe" (page, fediverse) or an email-only follower's
 * "confirm"; a leave is a "leave". The channel is the subscription's as it is now.
 */
async function followHistory(scope: Scope, now: Date) {
  const since = new Date(now.getTime() - INSIGHT_DAYS * DAY_MS);
  const [rows, current] = await Promise.all([
    db.consentEvent.findMany({
      where: {
        ...scope,
        createdAt: { gte: since, lte: now },
        OR: [{ action: "subscribe" }, { action: "leave" }, { action: "confirm", subscription: { userId: null } }],
      },
      select: { action: true, createdAt: true, subscription: { select: { channel: true } } },
    }),
    db.subscription.groupBy({ by: ["channel"], where: { ...scope, status: "active" }, _count: { _all: true } }),
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

/** Follows and leaves of one of the owner's causes (null when it is not theirs). */
export async function getFollowInsights(topicId: string, ownerId: string, now = new Date()) {
  const topic = await db.topic.findFirst({ where: { id: topicId, ownerId }, select: { id: true } });
  return topic ? followHistory({ topicId }, now) : null;
}

/** Hourly read counters of some causes over the last four weeks. */
async function readBuckets(topicIds: string[], now: Date): Promise<ReadBucket[]> {
  const since = new Date(now.getTime() - INSIGHT_DAYS * DAY_MS);
  const rows = await db.readCount.findMany({
    where: { topicId: { in: topicIds }, day: { gte: since.toISOString().slice(0, 10) } },
    select: { updateId: true, channel: true, day: true, hour: true, count: true },
  });
  // Asked by day; the first day's hours before the window began are more than four weeks ago. Kept,
  // the heat map would hold those hours of today's weekday five times, every other hour four times.
  return rows.filter((row) => bucketStart(row) >= since).map((row) => ({ ...row, channel: row.channel as ReadChannel }));
}

/**
 * When readers read, the quiet hours of the email followers for whom publishing time matters (those
 * mailed each update at once: confirmed, not paused, not bounced; a digest goes out at the reader's
 * own time), and a suggested publishing window. The followers are read grouped by their settings.
 */
async function readingTimes(scope: Scope, buckets: ReadBucket[], now: Date) {
  const timeZone = env.DEFAULT_TIME_ZONE;
  const settings = await db.subscription.groupBy({
    by: ["timeZone", "quietStart", "quietEnd"],
    where: {
      ...scope,
      channel: "email",
      status: "active",
      cadence: "instant",
      emailSince: { not: null },
      bouncedAt: null,
      OR: [{ pausedUntil: null }, { pausedUntil: { lte: now } }],
    },
    _count: { _all: true },
  });
  const followers = settings.map((s) => ({ timeZone: s.timeZone, quietStart: s.quietStart, quietEnd: s.quietEnd, count: s._count._all }));
  const grid = readingGrid(buckets, timeZone);
  const quiet = quietShareGrid(followers, timeZone, weekStartIn(now, timeZone));
  return { timeZone, grid, quiet, window: suggestWindow(grid, quiet) };
}

/**
 * Everything "Ursachenforschung" shows for one of the owner's causes, all of it counts: follows and
 * leaves, spikes of leaves with the update before each, reach per update, which places brought
 * people, when readers read, and the hints drawn from it. Null when the cause is not the owner's.
 */
export async function getCauseInsights(topicId: string, ownerId: string, now = new Date()) {
  const cause = await db.topic.findFirst({
    where: { id: topicId, ownerId },
    select: { id: true, slug: true, title: true, language: true, status: true, tags: { select: { slug: true } } },
  });
  if (!cause) return null;
  const since = new Date(now.getTime() - INSIGHT_DAYS * DAY_MS);
  const [follows, buckets, updates, lastUpdate, refs, partners, similar] = await Promise.all([
    followHistory({ topicId }, now),
    readBuckets([topicId], now),
    // From a few days before the window: a spike in its first days may follow an update before it.
    db.update.findMany({
      where: { topicId, hiddenAt: null, publishedAt: { gte: new Date(since.getTime() - SPIKE_LOOKBACK_DAYS * DAY_MS), lte: now } },
      orderBy: { publishedAt: "asc" },
      select: { id: true, title: true, publishedAt: true },
    }),
    db.update.findFirst({ where: { topicId, hiddenAt: null, publishedAt: { lte: now } }, orderBy: { publishedAt: "desc" }, select: { publishedAt: true } }),
    db.shareRef.findMany({
      where: { topicId },
      select: { id: true, label: true, personal: true, days: { select: { visits: true, follows: true } } },
    }),
    db.groupMembership.count({ where: { topicId, status: "active" } }),
    cause.status === "published" ? listSimilarCauses(cause) : Promise.resolve([]),
  ]);
  const reading = await readingTimes({ topicId }, buckets, now);
  const places = rankPlaces(
    refs.map((ref) => ({
      id: ref.id,
      label: ref.label,
      personal: ref.personal,
      visits: ref.days.reduce((n, d) => n + d.visits, 0),
      follows: ref.days.reduce((n, d) => n + d.follows, 0),
    })),
  );
  const spikes = leaveSpikes(follows.series, updates);
  const inWindow = updates.filter((u) => u.publishedAt >= since);
  const reach = reachPerUpdate(inWindow, buckets, now);
  const hourOf = (at: Date) => weekHour(at, reading.timeZone).hour;
  const usual = usualHour(inWindow.map((u) => u.publishedAt), reading.timeZone);
  const usualQuiet = usual !== null && reading.quiet ? quietShareAtHour(reading.quiet, usual) : null;
  const hints = deriveHints({
    spikes,
    leavesInWindow: follows.series.reduce((n, d) => n + sum(d.leaves), 0),
    publishedHourOf: hourOf,
    partners,
    similarCauses: similar.length,
    places,
    usualHourQuietShare: usualQuiet,
    daysSinceLastUpdate: lastUpdate ? Math.floor((now.getTime() - lastUpdate.publishedAt.getTime()) / DAY_MS) : null,
  });
  return { cause, follows, spikes, reach, places, reading, hints };
}

/**
 * Ursachenforschung for a partner group, for its admin only: follows and leaves of the group, and
 * when the readers of its member causes read — their counters added up, and only from
 * GROUP_READING_MIN_MEMBERS live members on: with two, the admin could take their own cause's
 * numbers away and read the other publisher's. Null when the viewer is not the admin.
 */
export async function getGroupInsights(groupId: string, userId: string, now = new Date()) {
  const group = await db.partnerGroup.findFirst({
    where: { id: groupId, adminTopic: { ownerId: userId } },
    select: { id: true, slug: true, name: true },
  });
  if (!group) return null;
  const memberIds = await activeMemberTopicIds(groupId);
  const since = new Date(now.getTime() - (INSIGHT_DAYS + SPIKE_LOOKBACK_DAYS) * DAY_MS);
  const live = await db.topic.findMany({ where: { id: { in: memberIds }, status: { in: [...LIVE_STATUSES] } }, select: { id: true } });
  const shared = groupReadingShown(live.length);
  const [follows, buckets, updates] = await Promise.all([
    followHistory({ groupId }, now),
    shared ? readBuckets(live.map((t) => t.id), now) : Promise.resolve([]),
    // What the group's followers saw before a spike: its member causes' updates — of live causes
    // only, as in the group's feed: a suspended or removed member's titles are shown to nobody.
    db.update.findMany({
      where: { ...VISIBLE_UPDATE, topicId: { in: memberIds }, publishedAt: { gte: since, lte: now } },
      select: { id: true, title: true, publishedAt: true },
    }),
  ]);
  const reading = shared ? await readingTimes({ groupId }, buckets, now) : null;
  return { group, follows, reading, spikes: leaveSpikes(follows.series, updates), members: live.length };
}

const readTargets = createShortCache<{ topicId: string; updateId?: string } | null>({ ttlMs: 60_000, max: 5_000 });
const READ_PATH = /^\/c\/([a-z0-9-]{1,100})(?:\/u\/([a-z0-9]{1,40}))?$/;

/**
 * What a page address read by a browser counts for: a published or archived cause's page, or one
 * of its visible updates. Null for anything else (drafts, hidden updates, unknown pages). Answers
 * are remembered for a minute per process, so a busy page costs no query per view.
 */
export async function resolveReadTarget(path: string) {
  const match = READ_PATH.exec(path);
  if (!match) return null;
  const [, slug, updateId] = match;
  return readTargets(path, async () => {
    if (updateId) {
      const update = await db.update.findFirst({ where: { id: updateId, AND: [VISIBLE_UPDATE, { topic: { slug } }] }, select: { id: true, topicId: true } });
      return update ? { topicId: update.topicId, updateId: update.id } : null;
    }
    const topic = await db.topic.findFirst({ where: { slug, status: { in: [...LIVE_STATUSES] } }, select: { id: true } });
    return topic ? { topicId: topic.id } : null;
  });
}
