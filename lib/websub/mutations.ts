import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { logger } from "@/lib/log.mjs";
import { absoluteUrl } from "@/lib/url";
import { currentFeed, type FeedNow } from "./feeds";
import { callCallback } from "./http";
import { grantedLease, hubLinkHeader, hubSignature, HUB_PATH, MAX_FAILURES, retryAt } from "./rules";

const log = logger("websub");
const CLAIM_MS = 2 * 60_000;

export type IntentRequest = { mode: "subscribe" | "unsubscribe"; topicPath: string; callback: string; leaseSeconds?: number; secret?: string };

/**
 * Verification of intent (WebSub 5.3): the hub asks the callback whether it really wants this,
 * with a random challenge it must echo. Only then is a subscription stored (or removed). Returns
 * whether the subscriber confirmed.
 */
export async function verifyIntent(request: IntentRequest, now = new Date()): Promise<boolean> {
  const challenge = randomBytes(24).toString("base64url");
  const lease = grantedLease(request.leaseSeconds);
  const url = new URL(request.callback);
  url.searchParams.set("hub.mode", request.mode);
  url.searchParams.set("hub.topic", absoluteUrl(request.topicPath));
  url.searchParams.set("hub.challenge", challenge);
  if (request.mode === "subscribe") url.searchParams.set("hub.lease_seconds", String(lease));
  let confirmed = false;
  try {
    const answer = await callCallback("GET", url.toString());
    confirmed = answer.status >= 200 && answer.status < 300 && answer.body === challenge;
  } catch (error) {
    log.info({ err: error }, "websub verification could not reach the callback");
  }
  if (!confirmed) return false;
  const key = { topic_callback: { topic: request.topicPath, callback: request.callback } };
  if (request.mode === "unsubscribe") {
    await db.webSubSubscription.deleteMany({ where: { topic: request.topicPath, callback: request.callback } });
    return true;
  }
  // Nothing is sent for what the subscriber could fetch already: only the next change.
  const feed = await currentFeed(request.topicPath);
  const fields = {
    secret: request.secret ?? null,
    leaseSeconds: lease,
    expiresAt: new Date(now.getTime() + lease * 1000),
    sentVersion: feed.etag,
    failures: 0,
    nextAttemptAt: null,
  };
  await db.webSubSubscription.upsert({ where: key, create: { topic: request.topicPath, callback: request.callback, ...fields }, update: fields });
  return true;
}

export type DistributeStats = { sent: number; failed: number; dropped: number };

const CONCURRENCY = 8;
// After this long a pass starts no new deliveries (the mails wait for the pass); the rest follow in
// the next one.
const PASS_BUDGET_MS = 20_000;
const PER_TOPIC = 200;

type Due = Awaited<ReturnType<typeof dueFor>>[number];

/** Subscriptions of one feed that are due and have not been sent this version of it. */
function dueFor(topic: string, etag: string, now: Date) {
  return db.webSubSubscription.findMany({
    where: {
      topic,
      expiresAt: { gt: now },
      OR: [{ sentVersion: null }, { sentVersion: { not: etag } }],
      AND: [{ OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] }],
    },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: PER_TOPIC,
  });
}

/**
 * Content distribution (WebSub 7), one worker pass: every subscriber whose feed changed since it
 * was last sent gets the whole feed, signed with its secret if it gave one, eight at a time and for
 * at most PASS_BUDGET_MS. Failures are retried with backoff; after MAX_FAILURES in a row, or a 410
 * from the subscriber, the subscription ends; so does every subscription of a feed that has ended
 * (a suspended or removed cause). Ended leases are removed.
 */
export async function distributeFeeds(now = new Date()): Promise<DistributeStats> {
  const stats: DistributeStats = { sent: 0, failed: 0, dropped: 0 };
  const started = Date.now();
  await db.webSubSubscription.deleteMany({ where: { expiresAt: { lte: now } } });
  // Feeds first: only those that changed for somebody are rendered, and a busy unchanged feed
  // cannot crowd out the others.
  const topics = await db.webSubSubscription.groupBy({ by: ["topic"], where: { expiresAt: { gt: now } } });
  const work: { subscription: Due; feed: FeedNow }[] = [];
  for (const { topic } of topics) {
    const feed = await currentFeed(topic);
    if (feed.status === 404 || feed.status === 410) {
      const { count } = await db.webSubSubscription.deleteMany({ where: { topic } });
      stats.dropped += count;
      continue;
    }
    if (feed.status !== 200 || !feed.etag) continue;
    for (const subscription of await dueFor(topic, feed.etag, now)) work.push({ subscription, feed });
  }
  const hub = absoluteUrl(HUB_PATH);
  let next = 0;
  const runner = async () => {
    while (next < work.length && Date.now() - started < PASS_BUDGET_MS) {
      const { subscription, feed } = work[next++];
      const outcome = await deliver(subscription, feed, hub, now);
      if (outcome !== "skipped") stats[outcome]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, work.length) }, runner));
  return stats;
}

/** One delivery, claimed first so that a second worker does not send the same change. */
async function deliver(subscription: Due, feed: FeedNow, hub: string, now: Date): Promise<keyof DistributeStats | "skipped"> {
  const { count } = await db.webSubSubscription.updateMany({
    where: { id: subscription.id, sentVersion: subscription.sentVersion, nextAttemptAt: subscription.nextAttemptAt },
    data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
  });
  if (count === 0) return "skipped";
  const headers: Record<string, string> = {
    "Content-Type": feed.contentType ?? "application/octet-stream",
    Link: hubLinkHeader(hub, absoluteUrl(subscription.topic)),
  };
  if (subscription.secret) headers["X-Hub-Signature"] = hubSignature(subscription.secret, feed.body);
  let status = 0;
  try {
    status = (await callCallback("POST", subscription.callback, { body: feed.body, headers })).status;
  } catch (error) {
    log.info({ err: error, topic: subscription.topic }, "websub delivery failed");
  }
  // The row may have gone meanwhile (an unsubscribe): updateMany, never an error.
  const row = { where: { id: subscription.id } };
  if (status >= 200 && status < 300) {
    await db.webSubSubscription.updateMany({ ...row, data: { sentVersion: feed.etag, failures: 0, nextAttemptAt: null } });
    return "sent";
  }
  // 410 Gone: the subscriber says it no longer wants this.
  if (status === 410 || subscription.failures + 1 >= MAX_FAILURES) {
    await db.webSubSubscription.deleteMany(row);
    return "dropped";
  }
  await db.webSubSubscription.updateMany({ ...row, data: { failures: subscription.failures + 1, nextAttemptAt: retryAt(subscription.failures + 1, now) } });
  return "failed";
}
