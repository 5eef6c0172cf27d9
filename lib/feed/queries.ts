import "server-only";
import { db } from "@/lib/db";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import { newestUpdateKeys, newestUpdates } from "@/lib/update/timeline";
import { FEED_ITEM_LIMIT, hashReaderFeedToken, isReaderFeedTokenShape } from "./rules";

// Published and archived causes have feeds; drafts and unknown slugs have none (404); suspended
// and removed causes had one and answer 410 Gone.
const FEED_STATUSES = ["published", "archived", "suspended", "removed"] as const;

/**
 * The cheap half of a cause feed: the cause row plus a count and two maxima over its updates —
 * everything the ETag and Last-Modified depend on, without loading a single update. Null when the
 * cause has no public feed.
 */
export async function getCauseFeedVersion(slug: string) {
  const topic = await db.topic.findFirst({
    where: { slug, status: { in: [...FEED_STATUSES] } },
    select: { id: true, slug: true, title: true, summary: true, language: true, status: true, updatedAt: true },
  });
  if (!topic) return null;
  const updates = await db.update.aggregate({
    where: { topicId: topic.id, hiddenAt: null },
    _count: { _all: true },
    _max: { publishedAt: true, correctedAt: true },
  });
  return {
    topic,
    updateCount: updates._count._all,
    lastPublishedAt: updates._max.publishedAt,
    lastCorrectedAt: updates._max.correctedAt,
  };
}
export type CauseFeedVersion = NonNullable<Awaited<ReturnType<typeof getCauseFeedVersion>>>;

/** The expensive half, only when the client's copy is stale: the newest updates, in page order. */
export async function getCauseFeedUpdates(topicId: string) {
  return db.update.findMany({
    where: { topicId, hiddenAt: null },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_ITEM_LIMIT,
    select: { id: true, title: true, body: true, publishedAt: true, correctedAt: true, correctionNote: true, ...SCHEDULE_FIELDS },
  });
}

/** An event's or call's times, place and link: feeds show them above the text. */
const SCHEDULE_FIELDS = { kind: true, startsAt: true, endsAt: true, place: true, deadline: true, callUrl: true, timeZone: true } as const;

/**
 * Whose private feed a token opens, or null for a malformed, forged or revoked token. The lookup
 * is by hash: the database never sees or keeps the token itself.
 */
export async function findReaderFeedToken(token: string) {
  if (!isReaderFeedTokenShape(token)) return null;
  return db.readerFeedToken.findUnique({
    where: { tokenHash: hashReaderFeedToken(token) },
    select: { id: true, userId: true, createdAt: true },
  });
}

/** Whether the reader has a private feed URL, and since when (the URL itself cannot be shown again). */
export async function getReaderFeedTokenInfo(userId: string) {
  return db.readerFeedToken.findUnique({ where: { userId }, select: { createdAt: true } });
}

// The two halves of a group's public feed, like a cause's (lib/feed/queries.ts): a cheap version
// for the cache validators, and the entries only when the reader's copy is stale. Both read the
// members' newest updates per cause (lib/update/timeline.ts): the cost never grows with how much
// the members have published over the years.

/**
 * Everything the group feed's bytes depend on, without loading an update: the group row, who is a
 * member (count plus the newest join and leave: every change moves one of them), the members'
 * last edits, and the keys of the entries the feed shows. Null for an unknown slug.
 */
export async function getGroupFeedVersion(slug: string) {
  const group = await db.partnerGroup.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, concern: true, language: true, status: true, updatedAt: true },
  });
  if (!group) return null;
  const [members, changes] = await Promise.all([
    db.groupMembership.findMany({
      where: { groupId: group.id, status: "active", topic: { status: { in: [...LIVE_STATUSES] } } },
      select: { topicId: true, topic: { select: { updatedAt: true } } },
    }),
    db.groupMembership.aggregate({ where: { groupId: group.id }, _max: { joinedAt: true, endedAt: true } }),
  ]);
  const topicIds = members.map((m) => m.topicId);
  const entries = await newestUpdateKeys(topicIds, FEED_ITEM_LIMIT);
  const topicsUpdatedAt = members.reduce<Date | null>(
    (max, m) => (!max || m.topic.updatedAt > max ? m.topic.updatedAt : max),
    null,
  );
  return {
    group,
    topicIds,
    memberCount: topicIds.length,
    lastJoinedAt: changes._max.joinedAt,
    lastEndedAt: changes._max.endedAt,
    topicsUpdatedAt,
    entries,
  };
}

/** The newest updates of the given member causes, each with its cause, in stream order. */
export async function getGroupFeedEntries(topicIds: string[], take = FEED_ITEM_LIMIT) {
  if (topicIds.length === 0) return [];
  const [updates, topics] = await Promise.all([
    newestUpdates(topicIds, take),
    db.topic.findMany({ where: { id: { in: topicIds } }, select: { id: true, slug: true, title: true, language: true } }),
  ]);
  const byId = new Map(topics.map(({ id, ...topic }) => [id, topic]));
  return updates.map((update) => ({ update, topic: byId.get(update.topicId)! }));
}
