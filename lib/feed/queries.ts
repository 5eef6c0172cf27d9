import "server-only";
import { db } from "@/lib/db";
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
