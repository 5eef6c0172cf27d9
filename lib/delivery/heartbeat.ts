import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { PassStats } from "./worker";

// A worker that has not finished a pass for this long counts as late: several missed intervals,
// and never less than five minutes (a long pass sending thousands of mails is not a dead worker).
export const workerLateAfterMs = () => Math.max(5 * 60_000, 5 * env.WORKER_INTERVAL_MS);
// Rows of workers that stopped (restarts, scaled down) are removed after a day.
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** After every pass: this worker's sign of life, with the pass's duration and its mail counts. */
export async function recordPass(workerId: string, stats: PassStats, at = new Date()) {
  await db.workerHeartbeat.upsert({
    where: { id: workerId },
    create: { id: workerId, lastPassAt: at, lastPassMs: stats.ms, passes: 1, sent: stats.sent, failed: stats.failed },
    update: { lastPassAt: at, lastPassMs: stats.ms, passes: { increment: 1 }, sent: { increment: stats.sent }, failed: { increment: stats.failed } },
  });
  await db.workerHeartbeat.deleteMany({ where: { lastPassAt: { lt: new Date(at.getTime() - FORGET_AFTER_MS) } } });
}

export type WorkerState =
  | { state: "ok" | "late"; lastPassAt: string; secondsAgo: number; lastPassMs: number; workers: number }
  | { state: "never" };

/**
 * What /api/health says about the delivery workers: "ok" when one finished a pass recently,
 * "late" when the newest pass is older than workerLateAfterMs(), "never" when none has run.
 */
export async function workerState(now = new Date()): Promise<WorkerState> {
  const recent = new Date(now.getTime() - workerLateAfterMs());
  // One indexed read: the newest few rows say both when the last pass was and how many are alive.
  const rows = await db.workerHeartbeat.findMany({ orderBy: { lastPassAt: "desc" }, take: 50, select: { lastPassAt: true, lastPassMs: true } });
  const [newest] = rows;
  if (!newest) return { state: "never" };
  return {
    state: newest.lastPassAt >= recent ? "ok" : "late",
    lastPassAt: newest.lastPassAt.toISOString(),
    secondsAgo: Math.max(0, Math.round((now.getTime() - newest.lastPassAt.getTime()) / 1000)),
    lastPassMs: newest.lastPassMs,
    workers: rows.filter((row) => row.lastPassAt >= recent).length,
  };
}

/** Every known worker's last pass, for /api/metrics. */
export function workerHeartbeats() {
  return db.workerHeartbeat.findMany({ orderBy: { lastPassAt: "desc" }, take: 100 });
}
