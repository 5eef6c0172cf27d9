import "server-only";
import { workerState, type WorkerState } from "@/lib/delivery/heartbeat";
import { logger } from "@/lib/log.mjs";

const log = logger("health");

export type Health = { status: "ok" | "degraded"; database: boolean; worker: WorkerState | null };

/**
 * The instance's health in one database read: the database answers (the read itself) and when a
 * delivery worker last finished a pass. `requireWorker` (a monitor's ?require=worker) makes a
 * late or missing worker count as degraded; a load balancer asks without it, since the web app
 * serves fine while mail waits.
 */
export async function checkHealth({ requireWorker = false } = {}): Promise<Health> {
  let worker: WorkerState;
  try {
    worker = await workerState();
  } catch (error) {
    // Every probe asks while the database is away: one short line each, no stack.
    log.warn({ reason: error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : String(error) }, "database check failed");
    return { status: "degraded", database: false, worker: null };
  }
  const degraded = requireWorker && worker.state !== "ok";
  return { status: degraded ? "degraded" : "ok", database: true, worker };
}
