import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/log.mjs";
import { processMetrics, prometheus } from "@/lib/metrics.mjs";
import { workerHeartbeats } from "./heartbeat";

type WorkerHeartbeat = Awaited<ReturnType<typeof workerHeartbeats>>[number];

const REGISTERED = Symbol.for("herzensthema.deliveryMetrics");
const log = logger("metrics");

/**
 * Reads for one scrape that may fail (the database is down): the gauge is left empty and
 * herzensthema_database_up says why, while the process's own figures still come through.
 */
async function tolerant<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    log.warn({ err: error }, "a metric could not be read");
    return null;
  }
}

/**
 * Adds what the database knows to this process's metrics, read at every scrape: whether the
 * database answers, mails by state (due = pending and due now), and every delivery worker's last
 * pass and totals. Registered once per process.
 */
export function registerDeliveryMetrics() {
  const holder = globalThis as { [REGISTERED]?: true };
  if (holder[REGISTERED]) return;
  holder[REGISTERED] = true;
  const { registry } = processMetrics();

  new prometheus.Gauge({
    name: "herzensthema_database_up",
    help: "1 when the database answered this scrape, 0 when it did not",
    registers: [registry],
    async collect() {
      this.set((await tolerant(() => db.$queryRawUnsafe("SELECT 1"))) === null ? 0 : 1);
    },
  });

  new prometheus.Gauge({
    name: "herzensthema_deliveries",
    help: "Mails readers asked for, by state: due (pending and due now), scheduled (pending, later), sent, skipped, failed",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      const now = new Date();
      const read = await tolerant(() =>
        Promise.all([
          db.delivery.groupBy({ by: ["status"], _count: { _all: true } }),
          db.delivery.count({ where: { status: "pending", dueAt: { lte: now } } }),
        ]),
      );
      if (!read) return;
      const [byStatus, due] = read;
      const counts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all]));
      this.set({ state: "due" }, due);
      this.set({ state: "scheduled" }, (counts.pending ?? 0) - due);
      for (const state of ["sent", "skipped", "failed"]) this.set({ state }, counts[state] ?? 0);
    },
  });

  new prometheus.Gauge({
    name: "herzensthema_fediverse_tasks",
    help: "Activities waiting for the worker to deliver them to fediverse servers: due now, and later (retries after a failure)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      const now = new Date();
      const read = await tolerant(() => Promise.all([db.fediverseTask.count({ where: { dueAt: { lte: now } } }), db.fediverseTask.count({ where: { dueAt: { gt: now } } })]));
      if (!read) return;
      this.set({ state: "due" }, read[0]);
      this.set({ state: "later" }, read[1]);
    },
  });

  // prom-client collects the metrics of one scrape concurrently, so each reads the heartbeats
  // itself (a handful of rows, one indexed read each) rather than one filling in another.
  function perWorker<T extends prometheus.Gauge | prometheus.Counter>(
    Kind: new (config: prometheus.GaugeConfiguration<string> & prometheus.CounterConfiguration<string>) => T,
    name: string,
    help: string,
    labelNames: string[],
    fill: (metric: T, worker: WorkerHeartbeat) => void,
  ) {
    return new Kind({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const metric = this as unknown as T;
        metric.reset();
        for (const worker of (await tolerant(workerHeartbeats)) ?? []) fill(metric, worker);
      },
    });
  }
  perWorker(prometheus.Gauge, "herzensthema_worker_last_pass_timestamp_seconds", "When each delivery worker last finished a pass (Unix time)", ["worker"], (gauge, w) =>
    gauge.set({ worker: w.id }, w.lastPassAt.getTime() / 1000),
  );
  perWorker(prometheus.Gauge, "herzensthema_worker_start_time_seconds", "When each delivery worker started (Unix time): a restart shows as a new worker", ["worker"], (gauge, w) =>
    gauge.set({ worker: w.id }, w.startedAt.getTime() / 1000),
  );
  perWorker(prometheus.Gauge, "herzensthema_worker_last_pass_duration_seconds", "How long each delivery worker's last pass took", ["worker"], (gauge, w) =>
    gauge.set({ worker: w.id }, w.lastPassMs / 1000),
  );
  perWorker(prometheus.Counter, "herzensthema_worker_passes_total", "Passes each delivery worker finished since it started", ["worker"], (counter, w) =>
    counter.inc({ worker: w.id }, w.passes),
  );
  perWorker(prometheus.Counter, "herzensthema_worker_mails_total", "Mails each delivery worker sent or gave up on since it started", ["worker", "outcome"], (counter, w) => {
    counter.inc({ worker: w.id, outcome: "sent" }, w.sent);
    counter.inc({ worker: w.id, outcome: "failed" }, w.failed);
  });
}
