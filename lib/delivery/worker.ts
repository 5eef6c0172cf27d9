import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { env } from "@/lib/env";
import { logger } from "@/lib/log.mjs";
import { createDeliveryMailer, type Mailer } from "@/lib/mail/send";
import { refusePrivateAddresses } from "@/lib/security/public-fetch";
import { runRetention } from "@/lib/privacy/retention";
import { runFediversePass, type FediverseStats } from "@/lib/fediverse/announce";
import { distributeFeeds, type DistributeStats } from "@/lib/websub/mutations";
import { newWorkerId, sendDue, type SendOptions, type SendStats } from "./dispatch";
import { recordPass } from "./heartbeat";
import { planDeliveries } from "./plan";
import { loadMembershipGraph } from "./audience";

// The delivery worker: plan what is owed, send what is due, sleep, repeat. Several may run at once
// (Postgres); each pass is safe to repeat and to interrupt.

export type PassStats = SendStats & { planned: number; ms: number; websub: DistributeStats; fediverse: FediverseStats };

const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const log = logger("worker");

/**
 * One pass: plan, then send everything due at `now`; then tell WebSub subscribers of changed feeds
 * and fediverse followers of new, corrected and deleted updates.
 */
export async function runPass(options: SendOptions): Promise<PassStats> {
  const started = Date.now();
  // One read of the partner groups serves planning and sending: both ask which causes a subscription reaches.
  const graph = await loadMembershipGraph();
  const planned = await planDeliveries(options.now ?? new Date(), graph);
  const sent = await sendDue(options, graph);
  const websub = await distributeFeeds(options.now ?? new Date());
  const fediverse = await runFediversePass({ now: options.now, shouldStop: options.shouldStop, graph });
  return { planned: planned.instant + planned.digests, ...sent, websub, fediverse, ms: Date.now() - started };
}

const isIdle = (s: PassStats) =>
  !(s.planned || s.sent || s.skipped || s.deferred || s.retried || s.failed || s.bounced || s.unreachable || s.websub.sent || s.websub.failed || s.websub.dropped || s.fediverse.announced || s.fediverse.delivered);

export function formatPass(stats: PassStats): string {
  return (
    `planned ${stats.planned}, sent ${stats.sent}, skipped ${stats.skipped}, deferred ${stats.deferred}, ` +
    `retried ${stats.retried}, failed ${stats.failed}, bounced ${stats.bounced}` +
    `${stats.websub.sent || stats.websub.failed ? `, feeds sent to WebSub subscribers ${stats.websub.sent} (failed ${stats.websub.failed})` : ""}` +
    `${stats.fediverse.announced || stats.fediverse.delivered ? `, fediverse: ${stats.fediverse.announced} updates announced, ${stats.fediverse.delivered} queued tasks handled` : ""}` +
    `${stats.unreachable ? ", SMTP unreachable (will catch up)" : ""} in ${stats.ms} ms`
  );
}

/**
 * The long-running worker (`npm run worker`), or a single pass with `once`. On SIGTERM/SIGINT it
 * finishes the mails in flight, hands the rest back and returns. `now` (tests, e2e) makes every
 * pass act as if the clock showed that moment.
 */
export async function runWorker(options: { once?: boolean; now?: Date; mailer?: Mailer } = {}): Promise<void> {
  // Fediverse deliveries go where remote accounts say: never into this server's own network.
  if (!env.FEDIVERSE_ALLOW_PRIVATE_ADDRESS) refusePrivateAddresses();
  const mailer = options.mailer ?? createDeliveryMailer();
  const workerId = newWorkerId();
  const abort = new AbortController();
  let retentionAt = 0;
  const stop = () => abort.abort();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  try {
    do {
      try {
        const stats = await runPass({ mailer, workerId, now: options.now, shouldStop: () => abort.signal.aborted });
        // A long-running worker speaks only when a pass did something; a single pass always reports.
        if (options.once || !isIdle(stats)) log.info({ pass: stats }, formatPass(stats));
        // Its sign of life for /api/health and /api/metrics (real time, whatever `now` says).
        await recordPass(workerId, stats);
        // About hourly: delete what the privacy notice promises to keep only so long.
        if (Date.now() - retentionAt >= RETENTION_INTERVAL_MS) {
          retentionAt = Date.now();
          const removed = await runRetention(options.now ?? new Date());
          if (Object.values(removed).some(Boolean)) log.info({ removed }, "retention pass");
        }
      } catch (error) {
        // A database hiccup must not kill a long-running worker; the next pass starts over.
        if (options.once) throw error;
        log.error({ err: error }, "pass failed; the next pass starts over");
      }
      if (options.once || abort.signal.aborted) break;
      await sleep(env.WORKER_INTERVAL_MS, undefined, { signal: abort.signal }).catch(() => {});
    } while (!abort.signal.aborted);
  } finally {
    process.off("SIGTERM", stop);
    process.off("SIGINT", stop);
    mailer.close();
  }
}
