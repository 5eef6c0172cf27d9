/**
 * Exactly-once with real processes: two `npm run worker -- --once` processes started at the same
 * moment against one database deliver every (recipient, update) exactly once; a worker killed with
 * SIGKILL in the middle of an SMTP transaction loses nothing, and after its lease runs out a second
 * worker delivers the rest, again exactly once.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { EMAIL_CONSENT_TEXT_VERSION } from "@/lib/subscription/rules";
import { deliveryCause, publish } from "../support/delivery";
import { stamp } from "../support/factories";
import { startSmtpServer } from "../support/smtp";

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
let servers: Smtp[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** `count` confirmed instant email followers of a new cause, and one update published a minute ago. */
async function seedFollowers(count: number) {
  const cause = await deliveryCause();
  const s = stamp();
  const since = new Date(Date.now() - 24 * 3600_000);
  const subs = Array.from({ length: count }, (_, i) => ({
    id: `wp${s}${String(i).padStart(5, "0")}`,
    email: `worker-${s}-${i}@example.org`,
    topicId: cause.id,
    channel: "email" as const,
    status: "active" as const,
    emailSince: since,
    cadence: "instant" as const,
    quietStart: null,
    quietEnd: null,
  }));
  await db.subscription.createMany({ data: subs });
  await db.consentEvent.createMany({
    data: subs.map((sub) => ({ subscriptionId: sub.id, topicId: cause.id, action: "confirm" as const, source: `/c/${cause.slug}`, consentVersion: EMAIL_CONSENT_TEXT_VERSION, createdAt: since })),
  });
  const update = await publish(cause.id, new Date(Date.now() - 60_000));
  return { addresses: subs.map((sub) => sub.email), update };
}

function startWorker(smtpUrl: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts", "--once"], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: process.env.DATABASE_URL,
      SMTP_URL: smtpUrl,
      MAIL_TRANSPORT: "smtp",
      AUTH_SECRET: process.env.AUTH_SECRET,
      APP_URL: process.env.APP_URL,
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

/** How often each address received a message. */
function countsFor(smtp: Smtp, addresses: string[]) {
  const wanted = new Set(addresses);
  const counts = new Map(addresses.map((a) => [a, 0]));
  for (const mail of smtp.received) for (const to of mail.to) if (wanted.has(to)) counts.set(to, counts.get(to)! + 1);
  return [...counts.values()];
}

describe("worker processes", () => {
  it("two workers at once deliver every mail exactly once", { timeout: 120_000 }, async () => {
    const { addresses, update } = await seedFollowers(300);
    const smtp = await startSmtpServer();
    servers.push(smtp);
    const env = { WORKER_BATCH: "20", WORKER_CONCURRENCY: "4" };
    const startedAt = new Date();
    const [a, b] = [startWorker(smtp.url, env), startWorker(smtp.url, env)];
    const results = await Promise.all([a.exited, b.exited]);
    for (const r of results) expect(r.code, r.output).toBe(0);

    const counts = countsFor(smtp, addresses);
    expect(counts.filter((c) => c === 1)).toHaveLength(300);
    expect(await db.delivery.count({ where: { updateId: update.id, status: "sent" } })).toBe(300);

    // Each worker logs its pass as one JSON line, naming no reader, and leaves its sign of life.
    for (const r of results) {
      const lines = r.output.trim().split("\n").map((line) => JSON.parse(line));
      expect(lines.some((line) => line.component === "worker" && /^planned \d+, sent \d+/.test(line.msg))).toBe(true);
      expect(r.output).not.toMatch(/@example\.org/);
    }
    const beats = await db.workerHeartbeat.findMany({ where: { lastPassAt: { gte: startedAt } } });
    expect(beats).toHaveLength(2);
    expect(beats.reduce((sum, beat) => sum + beat.sent, 0)).toBe(300);
  });

  it("a worker killed mid-SMTP loses nothing; the next one (after the lease) sends the rest once", { timeout: 120_000 }, async () => {
    const { addresses, update } = await seedFollowers(200);
    const K = 40;
    const victim: { worker?: ReturnType<typeof startWorker> } = {};
    const smtp = await startSmtpServer({
      // On the Kth message, before the 250: kill the worker. An unacknowledged message is not
      // delivered, so the sink drops it.
      beforeAccept: (_mail, index) => {
        if (index !== K - 1 || !victim.worker) return "accept";
        process.kill(victim.worker.child.pid!, "SIGKILL");
        return "discard";
      },
    });
    servers.push(smtp);
    const leaseMs = 3000;
    // One mail at a time, so every earlier 250 has been recorded as sent before the kill (with
    // several in flight, a mail accepted just before the kill would be the documented duplicate).
    const env = { WORKER_LEASE_MS: String(leaseMs), WORKER_CONCURRENCY: "1", WORKER_BATCH: "50" };
    victim.worker = startWorker(smtp.url, env);
    const killed = await victim.worker.exited;
    expect(killed.signal, killed.output).toBe("SIGKILL");
    expect(countsFor(smtp, addresses).filter((c) => c === 1).length).toBeGreaterThanOrEqual(K - 1 - 5);
    expect(await db.delivery.count({ where: { updateId: update.id, status: "pending", leaseUntil: { not: null } } })).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, leaseMs + 500));
    const rescue = await startWorker(smtp.url, env).exited;
    expect(rescue.code, rescue.output).toBe(0);

    const counts = countsFor(smtp, addresses);
    expect(counts.filter((c) => c !== 1)).toEqual([]);
    expect(await db.delivery.count({ where: { updateId: update.id, status: "sent" } })).toBe(200);
  });
});
