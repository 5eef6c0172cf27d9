import "server-only";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Mailer } from "@/lib/mail/send";
import { EMAIL_CONSENT_TEXT_VERSION } from "@/lib/subscription/rules";
import { claimDue, finishDelivery, releaseLeases, renewLease, rescheduleDelivery } from "./claim";
import { prepareDeliveries, type PassContext, type Prepared } from "./prepare";
import { classifySmtpError, nextRetryAt } from "./rules";
import type { MembershipGraph } from "@/lib/subscription/sources";
import { loadMembershipGraph } from "./audience";
import { logger } from "@/lib/log.mjs";

const log = logger("worker");

// Sending claimed deliveries. Exactly-once rests on three things: the unique (subscription, key)
// means there is one row per mail; a lease means one worker holds a row at a time; and the row is
// marked sent by the lease holder right after the server's 250.
//
// The one window we cannot close: the SMTP server accepted the message (250) and the process dies
// before the "sent" UPDATE commits. After the lease expires another worker sends it again, with the
// same Message-ID, so the receiving side can recognise the duplicate. The window is a single local
// UPDATE long; nothing else happens between the 250 and that UPDATE. The lease is renewed on a
// timer while mails are in flight, and SMTP timeouts are shorter than the lease, so a slow server
// cannot make a lease run out under a send.

export type SendStats = { sent: number; skipped: number; deferred: number; retried: number; failed: number; bounced: number; unreachable: boolean };

export type SendOptions = {
  mailer: Mailer;
  /** The moment to act at; tests drive it, the worker uses the clock. */
  now?: Date;
  workerId?: string;
  leaseMs?: number;
  batch?: number;
  concurrency?: number;
  /** Checked between mails: a stopping worker finishes what is in flight and hands the rest back. */
  shouldStop?: () => boolean;
};

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** A permanent rejection pauses mail to the address; the reader sees why and can resume. */
async function bounceSubscription(subscriptionId: string, reason: string, now: Date) {
  const { count } = await db.subscription.updateMany({ where: { id: subscriptionId, bouncedAt: null }, data: { bouncedAt: now, bounceReason: reason } });
  if (count === 0) return;
  const sub = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, select: { topicId: true, groupId: true } });
  await db.consentEvent.create({
    data: {
      subscriptionId,
      topicId: sub.topicId,
      groupId: sub.groupId,
      action: "delivery",
      detail: `paused: address rejected (${reason})`,
      source: "worker",
      consentVersion: EMAIL_CONSENT_TEXT_VERSION,
    },
  });
}

/**
 * Claims due rows batch by batch and sends them until none is due, the server is down, or stop.
 * The worker passes the pass's membership graph; without one it is loaded here.
 */
export async function sendDue(options: SendOptions, graph?: MembershipGraph): Promise<SendStats> {
  const workerId = options.workerId ?? newWorkerId();
  const leaseMs = options.leaseMs ?? env.WORKER_LEASE_MS;
  const batch = options.batch ?? env.WORKER_BATCH;
  const concurrency = options.concurrency ?? env.WORKER_CONCURRENCY;
  const stats: SendStats = { sent: 0, skipped: 0, deferred: 0, retried: 0, failed: 0, bounced: 0, unreachable: false };
  const ctx: PassContext = { graph: graph ?? (await loadMembershipGraph()), digests: new Map(), updateMails: new Map() };
  const started = Date.now();
  // With a driven `now`, time still passes for leases while the pass runs.
  const clock = () => (options.now ? new Date(options.now.getTime() + (Date.now() - started)) : new Date());
  const stopped = () => stats.unreachable || (options.shouldStop?.() ?? false);

  while (!stopped()) {
    const ids = await claimDue(workerId, clock(), batch, leaseMs);
    if (ids.length === 0) break;
    const queue = await prepareDeliveries(ids, clock(), ctx);
    let held = new Set(queue.map((p) => p.id));
    // The lease is renewed on a timer, not between mails: a send that hangs must not let the lease
    // run out under it (another worker would then send the same row). SMTP timeouts (lib/mail/send.ts)
    // stay well below the lease, so a send never outlives it.
    const renewer = setInterval(() => {
      renewLease(workerId, [...held], clock(), leaseMs)
        .then((ids) => (held = new Set(ids)))
        .catch((error) => log.error({ err: error }, "lease renewal failed"));
    }, leaseMs / 3);

    const handle = async (job: Prepared) => {
      const now = clock();
      if (job.action === "skip") {
        if (await finishDelivery(job.id, workerId, { status: "skipped", lastError: job.reason })) stats.skipped++;
        return;
      }
      if (job.action === "defer") {
        await rescheduleDelivery(job.id, workerId, job.until, null, false);
        stats.deferred++;
        return;
      }
      try {
        await options.mailer.send(job.mail);
      } catch (error) {
        await recordFailure(job, error, workerId, now, stats);
        return;
      }
      // Right after the 250: see the comment at the top of this file.
      if (await recordSent(job.id, workerId, clock, leaseMs)) stats.sent++;
    };

    // A small pool of concurrent sends, so a pooled SMTP transport keeps its connections busy.
    const lanes = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (stopped()) {
          queue.unshift(job);
          return;
        }
        if (held.has(job.id)) await handle(job);
      }
    });
    await Promise.all(lanes).finally(() => clearInterval(renewer));
    // Stopping early: hand unsent rows back at once instead of waiting for the lease to run out.
    await releaseLeases(workerId, queue.map((p) => p.id));
  }
  return stats;
}

/**
 * Marks a row sent after the server's 250. If the database is briefly unreachable (a restart, a
 * failover), it keeps trying while the lease lasts: giving up would let the row come back after the
 * lease and be mailed twice. Nobody else can claim the row meanwhile (the lease is ours).
 */
async function recordSent(id: string, workerId: string, clock: () => Date, leaseMs: number): Promise<boolean> {
  const deadline = Date.now() + leaseMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await finishDelivery(id, workerId, { status: "sent", sentAt: clock(), lastError: null, attempts: { increment: 1 } });
    } catch (error) {
      if (Date.now() + 1000 > deadline) throw error;
      if (attempt === 0) log.warn({ err: error }, "could not record a sent mail yet, retrying");
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    }
  }
}

async function recordFailure(job: Extract<Prepared, { action: "send" }>, error: unknown, workerId: string, now: Date, stats: SendStats) {
  const failure = classifySmtpError(error);
  if (failure.permanent) {
    await finishDelivery(job.id, workerId, { status: "failed", lastError: failure.reason, attempts: { increment: 1 } });
    await bounceSubscription(job.subscriptionId, failure.reason, now);
    stats.bounced++;
    return;
  }
  // Server down: the rest of the pass would fail the same way; stop and catch up later.
  if (failure.unreachable) stats.unreachable = true;
  const retryAt = nextRetryAt(now, job.attempts + 1);
  if (retryAt) {
    await rescheduleDelivery(job.id, workerId, retryAt, failure.reason, true);
    stats.retried++;
  } else {
    await finishDelivery(job.id, workerId, { status: "failed", lastError: failure.reason, attempts: { increment: 1 } });
    stats.failed++;
  }
}
