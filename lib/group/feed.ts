import "server-only";
import { db } from "@/lib/db";
import { FEED_ITEM_LIMIT } from "@/lib/feed/rules";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import { newestUpdateKeys, newestUpdates } from "@/lib/update/timeline";

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
