import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { signLeaveToken, verifyLeaveToken } from "./rules";

export const FEED_PAGE_SIZE = 20;

// What "Mein Feed" spans: the reader's active subscriptions. The page, the private feed URL and
// its cache validators all start here, so they can never disagree.
const readerFeedScope = (userId: string) => ({ userId, status: "active" as const, topicId: { not: null } });
const feedTopicSelect = { id: true, slug: true, title: true, language: true } as const;

/** Updates of the given causes in feed order (newest first, id breaks ties), `take` after `cursor`. */
function updatesInFeedOrder(topicIds: string[], take: number, cursor?: string) {
  return db.update.findMany({
    where: { topicId: { in: topicIds } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
}

/**
 * "Mein Feed": updates of the causes the reader follows, newest first, one page after `cursor`.
 * A query over the reader's own subscriptions (pull): nothing was copied when the update appeared.
 */
export async function getReaderFeed(userId: string, cursor?: string) {
  const subscriptions = await db.subscription.findMany({
    where: readerFeedScope(userId),
    include: { topic: { select: feedTopicSelect } },
  });
  if (subscriptions.length === 0) return { items: [], nextCursor: null, followingCount: 0 };

  const byTopic = new Map(subscriptions.map((s) => [s.topicId!, { ...s, topic: s.topic! }]));
  const page = await updatesInFeedOrder([...byTopic.keys()], FEED_PAGE_SIZE + 1, cursor);
  const hasMore = page.length > FEED_PAGE_SIZE;
  const updates = page.slice(0, FEED_PAGE_SIZE);
  const reads = new Set(
    (
      await db.updateRead.findMany({
        where: { userId, updateId: { in: updates.map((u) => u.id) } },
        select: { updateId: true },
      })
    ).map((r) => r.updateId),
  );

  const items = updates.map((update) => {
    const subscription = byTopic.get(update.topicId)!;
    const readByWatermark = subscription.readUpTo !== null && update.publishedAt <= subscription.readUpTo;
    return {
      update,
      topic: subscription.topic,
      followingSince: subscription.since,
      unread: !reads.has(update.id) && !readByWatermark,
    };
  });
  return { items, nextCursor: hasMore ? updates[updates.length - 1].id : null, followingCount: subscriptions.length };
}

/**
 * The newest `take` entries of "Mein Feed" for a feed reader (the private feed URL): the same
 * scope and order as the page, without read state, which a feed reader keeps itself.
 */
export async function getReaderFeedEntries(userId: string, take: number) {
  const subscriptions = await db.subscription.findMany({
    where: readerFeedScope(userId),
    include: { topic: { select: feedTopicSelect } },
  });
  if (subscriptions.length === 0) return [];
  const byTopic = new Map(subscriptions.map((s) => [s.topicId!, { ...s, topic: s.topic! }]));
  const updates = await updatesInFeedOrder([...byTopic.keys()], take);
  return updates.map((update) => {
    const subscription = byTopic.get(update.topicId)!;
    return { update, topic: subscription.topic, followingSince: subscription.since };
  });
}

/**
 * Everything "Mein Feed" as a feed depends on, in two small queries and without loading a single
 * update: which causes (count, newest follow, newest leave), their last edit, and their updates
 * (count, newest publication and correction). Feeds turn this into cache validators.
 */
export async function getReaderFeedVersion(userId: string) {
  // Left subscriptions too: leaving removes entries, and Last-Modified must move when it does.
  const subscriptions = await db.subscription.findMany({
    where: { userId },
    select: { topicId: true, status: true, since: true, leftAt: true, topic: { select: { updatedAt: true } } },
  });
  const active = subscriptions.filter((s) => s.status === readerFeedScope(userId).status);
  const updates = active.length
    ? await db.update.aggregate({
        where: { topicId: { in: active.flatMap((s) => (s.topicId ? [s.topicId] : [])) } },
        _count: { _all: true },
        _max: { publishedAt: true, correctedAt: true },
      })
    : null;
  const newest = (dates: (Date | null)[]) =>
    dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);
  return {
    followingCount: active.length,
    lastFollowedAt: newest(active.map((s) => s.since)),
    lastLeftAt: newest(subscriptions.map((s) => s.leftAt)),
    topicsUpdatedAt: newest(active.map((s) => s.topic?.updatedAt ?? null)),
    updateCount: updates?._count._all ?? 0,
    lastPublishedAt: updates?._max.publishedAt ?? null,
    lastCorrectedAt: updates?._max.correctedAt ?? null,
  };
}

/** Every cause the reader follows, with the date and a leave token. */
export async function listReaderSubscriptions(userId: string) {
  const subscriptions = await db.subscription.findMany({
    where: { userId, status: "active", topicId: { not: null } },
    orderBy: { since: "desc" },
    include: { topic: { select: { id: true, slug: true, title: true, summary: true, status: true } } },
  });
  return subscriptions.map((s) => ({ ...s, topic: s.topic!, leaveToken: signLeaveToken(s.id, env.AUTH_SECRET) }));
}

/** What the leave page shows for a token: the cause and whether the subscription is still active. */
export async function getLeaveTarget(token: string) {
  const subscriptionId = verifyLeaveToken(token, env.AUTH_SECRET);
  if (!subscriptionId) return null;
  const subscription = await db.subscription.findUnique({
    where: { id: subscriptionId },
    include: { topic: { select: { title: true, slug: true } }, group: { select: { name: true, slug: true } } },
  });
  if (!subscription) return null;
  const target = subscription.topic
    ? { title: subscription.topic.title, href: `/c/${subscription.topic.slug}` }
    : { title: subscription.group!.name, href: `/g/${subscription.group!.slug}` };
  return { ...target, active: subscription.status === "active" };
}
