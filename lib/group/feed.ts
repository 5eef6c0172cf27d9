import "server-only";
import { db } from "@/lib/db";
import { FEED_ITEM_LIMIT } from "@/lib/feed/rules";
import { LIVE_STATUSES } from "@/lib/topic/rules";

// The two halves of a group's public feed, like a cause's (lib/feed/queries.ts): a cheap version
// for the cache validators, and the entries only when the reader's copy is stale.

/**
 * Everything the group feed's bytes depend on, without loading an update: the group row, who is a
 * member (count plus the newest join and leave: every change moves one of them), the members'
 * last edits, and their updates' count and newest dates. Null for an unknown slug.
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
  const updates = topicIds.length
    ? await db.update.aggregate({
        where: { topicId: { in: topicIds }, hiddenAt: null },
        _count: { _all: true },
        _max: { publishedAt: true, correctedAt: true },
      })
    : null;
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
    updateCount: updates?._count._all ?? 0,
    lastPublishedAt: updates?._max.publishedAt ?? null,
    lastCorrectedAt: updates?._max.correctedAt ?? null,
  };
}

/** The newest updates of the given member causes, each with its cause, in stream order. */
export async function getGroupFeedEntries(topicIds: string[], take = FEED_ITEM_LIMIT) {
  if (topicIds.length === 0) return [];
  const updates = await db.update.findMany({
    where: { topicId: { in: topicIds }, hiddenAt: null },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      title: true,
      body: true,
      publishedAt: true,
      correctedAt: true,
      correctionNote: true,
      topic: { select: { slug: true, title: true, language: true } },
    },
  });
  return updates.map(({ topic, ...update }) => ({ update, topic }));
}
