import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { signLeaveToken, verifyLeaveToken } from "./rules";

export const FEED_PAGE_SIZE = 20;

/**
 * "Mein Feed": updates of the causes the reader follows, newest first, one page after `cursor`.
 * A query over the reader's own subscriptions (pull): nothing was copied when the update appeared.
 */
export async function getReaderFeed(userId: string, cursor?: string) {
  const subscriptions = await db.subscription.findMany({
    where: { userId, status: "active" },
    include: { topic: { select: { id: true, slug: true, title: true, language: true } } },
  });
  if (subscriptions.length === 0) return { items: [], nextCursor: null, followingCount: 0 };

  const byTopic = new Map(subscriptions.map((s) => [s.topicId, s]));
  const page = await db.update.findMany({
    where: { topicId: { in: [...byTopic.keys()] } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_PAGE_SIZE + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
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

/** Every cause the reader follows, with the date and a leave token. */
export async function listReaderSubscriptions(userId: string) {
  const subscriptions = await db.subscription.findMany({
    where: { userId, status: "active" },
    orderBy: { since: "desc" },
    include: { topic: { select: { id: true, slug: true, title: true, summary: true, status: true } } },
  });
  return subscriptions.map((s) => ({ ...s, leaveToken: signLeaveToken(s.id, env.AUTH_SECRET) }));
}

/** What the leave page shows for a token: the cause and whether the subscription is still active. */
export async function getLeaveTarget(token: string) {
  const subscriptionId = verifyLeaveToken(token, env.AUTH_SECRET);
  if (!subscriptionId) return null;
  const subscription = await db.subscription.findUnique({
    where: { id: subscriptionId },
    include: { topic: { select: { title: true, slug: true } } },
  });
  return subscription ? { topic: subscription.topic, active: subscription.status === "active" } : null;
}
