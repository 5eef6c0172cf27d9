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
const BATCH = 500;

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

/**
 * Content distribution (WebSub 7), one worker pass: every subscriber whose feed changed since it
 * was last sent gets the whole feed, signed with its secret if it gave one. Failures are retried
 * with backoff; after MAX_FAILURES in a row the subscription ends. Ended leases are removed.
 */
export async function distributeFeeds(now = new Date()): Promise<DistributeStats> {
  const stats: DistributeStats = { sent: 0, failed: 0, dropped: 0 };
  await db.webSubSubscription.deleteMany({ where: { expiresAt: { lte: now } } });
  const due = await db.webSubSubscription.findMany({
    where: { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    orderBy: [{ topic: "asc" }, { id: "asc" }],
    take: BATCH,
  });
  const feeds = new Map<string, Promise<FeedNow>>();
  const hub = absoluteUrl(HUB_PATH);
  for (const subscription of due) {
    if (!feeds.has(subscription.topic)) feeds.set(subscription.topic, currentFeed(subscription.topic));
    const feed = await feeds.get(subscription.topic)!;
    if (feed.status !== 200 || !feed.etag || feed.etag === subscription.sentVersion) continue;
    // Claimed for a while, so that a second worker does not send the same change.
    const { count } = await db.webSubSubscription.updateMany({
      where: { id: subscription.id, sentVersion: subscription.sentVersion, nextAttemptAt: subscription.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
    });
    if (count === 0) continue;
    const headers: Record<string, string> = {
      "Content-Type": feed.contentType ?? "application/octet-stream",
      Link: hubLinkHeader(hub, absoluteUrl(subscription.topic)),
    };
    if (subscription.secret) headers["X-Hub-Signature"] = hubSignature(subscription.secret, feed.body);
    let delivered = false;
    try {
      const answer = await callCallback("POST", subscription.callback, { body: feed.body, headers });
      delivered = answer.status >= 200 && answer.status < 300;
      // 410 Gone: the subscriber says it no longer wants this.
      if (answer.status === 410) {
        await db.webSubSubscription.deleteMany({ where: { id: subscription.id } });
        stats.dropped++;
        continue;
      }
    } catch (error) {
      log.info({ err: error, topic: subscription.topic }, "websub delivery failed");
    }
    if (delivered) {
      await db.webSubSubscription.update({ where: { id: subscription.id }, data: { sentVersion: feed.etag, failures: 0, nextAttemptAt: null } });
      stats.sent++;
    } else if (subscription.failures + 1 >= MAX_FAILURES) {
      await db.webSubSubscription.deleteMany({ where: { id: subscription.id } });
      stats.dropped++;
    } else {
      await db.webSubSubscription.update({
        where: { id: subscription.id },
        data: { failures: subscription.failures + 1, nextAttemptAt: retryAt(subscription.failures + 1, now) },
      });
      stats.failed++;
    }
  }
  return stats;
}
