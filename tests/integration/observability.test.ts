/**
 * What an operator's monitor reads: /api/health with the delivery worker's last pass (a dead worker
 * shows), and /api/metrics in Prometheus format behind METRICS_TOKEN (deliveries by state, each
 * worker's last pass). The request counters by route are proven against the real server in
 * e2e/operations.spec.ts.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { recordPass, workerLateAfterMs, workerState } from "@/lib/delivery/heartbeat";
import { runWorker } from "@/lib/delivery/worker";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { deliveryCause, followByEmail, publish, withMailSink } from "../support/delivery";

const TOKEN = "metrics-test-token-0123456789abcdef";
const stats = { planned: 0, sent: 3, skipped: 0, deferred: 0, retried: 0, failed: 1, bounced: 0, unreachable: false, ms: 250, websub: { sent: 0, failed: 0, dropped: 0 }, fediverse: { announced: 0, delivered: 0 } };
const ask = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost:3000${path}`, { headers });
const setToken = (token: string | undefined) => Object.assign(env, { METRICS_TOKEN: token });

/** One sample's value from a Prometheus text page, or undefined. */
function sample(page: string, name: string, labels: string) {
  const line = page.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

beforeEach(async () => {
  await db.workerHeartbeat.deleteMany();
});

describe("/api/health", () => {
  it("says when no worker has ever run, and a monitor asking for the worker gets 503", async () => {
    const plain = await health(ask("/api/health"));
    expect(plain.status).toBe(200);
    expect(plain.headers.get("cache-control")).toBe("no-store");
    expect(await plain.json()).toEqual({ status: "ok", database: true, worker: { state: "never" } });

    const strict = await health(ask("/api/health?require=worker"));
    expect(strict.status).toBe(503);
    expect(await strict.json()).toMatchObject({ status: "degraded", database: true, worker: { state: "never" } });
  });

  it("reports a worker's recent pass as ok, and a pass older than the limit as late", async () => {
    await recordPass("worker-a", stats);
    const ok = await health(ask("/api/health?require=worker"));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "ok", worker: { state: "ok", lastPassMs: 250, workers: 1 } });

    // The worker stops: its last pass ages past the limit.
    const stale = new Date(Date.now() - workerLateAfterMs() - 60_000);
    await db.workerHeartbeat.update({ where: { id: "worker-a" }, data: { lastPassAt: stale } });
    const late = await health(ask("/api/health?require=worker"));
    expect(late.status).toBe(503);
    const body = await late.json();
    expect(body).toMatchObject({ status: "degraded", database: true, worker: { state: "late", workers: 0 } });
    expect(body.worker.secondsAgo).toBeGreaterThanOrEqual(Math.floor(workerLateAfterMs() / 1000) + 60);
    // A load balancer (no ?require) keeps the web app in rotation: pages work while mail waits.
    expect((await health(ask("/api/health"))).status).toBe(200);
  });

  it("counts the live workers and forgets one that stopped a day ago", async () => {
    await db.workerHeartbeat.create({ data: { id: "gone", lastPassAt: new Date(Date.now() - 25 * 3600_000), lastPassMs: 10 } });
    await recordPass("worker-a", stats);
    await recordPass("worker-b", stats);
    await recordPass("worker-b", { ...stats, sent: 2, failed: 0 });
    expect(await workerState()).toMatchObject({ state: "ok", workers: 2 });
    expect(await db.workerHeartbeat.findUnique({ where: { id: "gone" } })).toBeNull();
    expect(await db.workerHeartbeat.findUnique({ where: { id: "worker-b" } })).toMatchObject({ passes: 2, sent: 5, failed: 1 });
  });
});

describe("/api/metrics", () => {
  const { mailer } = withMailSink();

  it("does not exist without METRICS_TOKEN", async () => {
    setToken(undefined);
    const response = await metrics(ask("/api/metrics", { authorization: `Bearer ${TOKEN}` }));
    expect(response.status).toBe(404);
  });

  it("refuses a missing, wrong, longer, shorter or differently sent token", async () => {
    setToken(TOKEN);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer " },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(1)}` },
      { authorization: `Bearer  ${TOKEN}` },
      { authorization: `Bearer ${TOKEN.toUpperCase()}` },
      { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const response = await metrics(ask("/api/metrics", headers));
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toContain("herzensthema_");
    }
    // The scheme's case does not matter (RFC 9110); the token's does.
    expect((await metrics(ask("/api/metrics", { authorization: `bearer ${TOKEN}` }))).status).toBe(200);
  });

  it("shows deliveries by state and each worker's last pass, as the database has them", async () => {
    setToken(TOKEN);
    // Something due: a follower with instant mail and a fresh update; the worker sends it.
    const cause = await deliveryCause();
    await followByEmail({ topicId: cause.id, slug: cause.slug });
    await publish(cause.id, new Date(Date.now() - 60_000));
    await runWorker({ once: true, mailer });

    const response = await metrics(ask("/api/metrics", { authorization: `Bearer ${TOKEN}` }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();

    const now = new Date();
    const [sent, failed, pending, due] = await Promise.all([
      db.delivery.count({ where: { status: "sent" } }),
      db.delivery.count({ where: { status: "failed" } }),
      db.delivery.count({ where: { status: "pending" } }),
      db.delivery.count({ where: { status: "pending", dueAt: { lte: now } } }),
    ]);
    expect(sent).toBeGreaterThan(0);
    expect(sample(page, "herzensthema_deliveries", 'state="sent"')).toBe(sent);
    expect(sample(page, "herzensthema_deliveries", 'state="failed"')).toBe(failed);
    expect(sample(page, "herzensthema_deliveries", 'state="due"')).toBe(due);
    expect(sample(page, "herzensthema_deliveries", 'state="scheduled"')).toBe(pending - due);

    // Fediverse deliveries still owed, due now and later (retries), from the same database.
    expect(sample(page, "herzensthema_fediverse_tasks", 'state="due"')).toBeGreaterThanOrEqual(0);
    expect(Number(sample(page, "herzensthema_fediverse_tasks", 'state="due"')) + Number(sample(page, "herzensthema_fediverse_tasks", 'state="later"'))).toBe(await db.fediverseTask.count());

    const [worker] = await db.workerHeartbeat.findMany();
    expect(worker.sent).toBeGreaterThan(0);
    expect(sample(page, "herzensthema_worker_mails_total", `worker="${worker.id}",outcome="sent"`)).toBe(worker.sent);
    expect(sample(page, "herzensthema_worker_mails_total", `worker="${worker.id}",outcome="failed"`)).toBe(worker.failed);
    expect(sample(page, "herzensthema_worker_passes_total", `worker="${worker.id}"`)).toBe(worker.passes);
    expect(sample(page, "herzensthema_worker_start_time_seconds", `worker="${worker.id}"`)).toBe(worker.startedAt.getTime() / 1000);
    expect(page).toMatch(/^herzensthema_database_up 1$/m);
    expect(sample(page, "herzensthema_worker_last_pass_timestamp_seconds", `worker="${worker.id}"`)).toBe(worker.lastPassAt.getTime() / 1000);
    expect(sample(page, "herzensthema_worker_last_pass_duration_seconds", `worker="${worker.id}"`)).toBe(worker.lastPassMs / 1000);
    // The process's own figures come along (prom-client's defaults) and the request metrics exist.
    expect(page).toContain("# TYPE herzensthema_process_cpu_seconds_total counter");
    expect(page).toContain("# TYPE herzensthema_http_requests_total counter");
    // No personal data: no address appears anywhere.
    expect(page).not.toMatch(/@example\.org/);
  });

  it("answers many scrapes at once with the same figures", async () => {
    setToken(TOKEN);
    const pages = await Promise.all(
      Array.from({ length: 20 }, async () => (await metrics(ask("/api/metrics", { authorization: `Bearer ${TOKEN}` }))).text()),
    );
    const sentValues = new Set(pages.map((page) => sample(page, "herzensthema_deliveries", 'state="sent"')));
    expect(sentValues.size).toBe(1);
    expect([...sentValues][0]).toBe(await db.delivery.count({ where: { status: "sent" } }));
  });
});
