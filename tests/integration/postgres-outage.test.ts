/**
 * PostgreSQL stopped and started under load, on a private server this test starts itself (initdb on
 * a spare port, never the shared one): the app answers the calm 503 while it is gone and 200 again
 * by itself afterwards, nothing escapes as an exception; a real worker process that was sending
 * when the server went away resumes and delivers every mail exactly once.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db-client";
import { isPostgres } from "@/lib/db";
import { EMAIL_CONSENT_TEXT_VERSION } from "@/lib/subscription/rules";
import { setupDatabase } from "../../scripts/db-setup.mjs";
import { startSmtpServer } from "../support/smtp";

const BIN = "/usr/lib/postgresql/15/bin";
const PORT = 55433;
const usable = isPostgres && fs.existsSync(`${BIN}/initdb`) && process.getuid?.() === 0;
let dir = "";
const url = `postgresql://postgres@127.0.0.1:${PORT}/outage`;
const asPostgres = (args: string[]) => spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8" });
const pgCtl = (...args: string[]) => asPostgres([`${BIN}/pg_ctl`, "-D", path.join(dir, "data"), ...args]);
const startServer = () => pgCtl("-o", `-p ${PORT} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-l", path.join(dir, "log"), "-w", "start");

beforeAll(async () => {
  if (!usable) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-pg-"));
  fs.chmodSync(dir, 0o777);
  fs.chownSync(dir, Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout), Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout));
  const init = asPostgres([`${BIN}/initdb`, "-D", path.join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
  if (init.status !== 0) throw new Error(init.stderr);
  const started = startServer();
  if (started.status !== 0) throw new Error(started.stderr);
  spawnSync(`${BIN}/psql`, ["-h", "127.0.0.1", "-p", String(PORT), "-U", "postgres", "-c", "CREATE DATABASE outage"], { encoding: "utf8" });
  await setupDatabase(url);
}, 60_000);

afterAll(() => {
  if (!dir) return;
  pgCtl("-m", "immediate", "stop");
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    child.stderr!.on("data", (chunk) => (err += chunk));
    child.on("exit", (code, signal) => (code === 0 || signal === "SIGTERM" ? resolve(out) : reject(new Error(`exit ${code}: ${err.slice(-2000)}`))));
  });
}

describe.skipIf(!usable)("PostgreSQL going away under load", () => {
  it("answers 503 while it is gone, recovers by itself, and the worker mails everything exactly once", async () => {
    const db = createDbClient(url);
    const owner = await db.user.create({ data: { email: "outage-owner@example.org" } });
    const cause = await db.topic.create({ data: { slug: "outage-cause", title: "Outage cause", status: "published", publishedAt: new Date(), ownerId: owner.id } });
    const since = new Date(Date.now() - 86_400_000);
    const followers = Array.from({ length: 300 }, (_, i) => ({ id: `outsub${String(i).padStart(4, "0")}`, email: `outage-${i}@example.org` }));
    await db.subscription.createMany({
      data: followers.map((f) => ({ ...f, topicId: cause.id, channel: "email" as const, status: "active" as const, emailSince: since, cadence: "instant" as const, quietStart: null, quietEnd: null })),
    });
    await db.consentEvent.createMany({ data: followers.map((f) => ({ subscriptionId: f.id, topicId: cause.id, action: "confirm" as const, source: "/", consentVersion: EMAIL_CONSENT_TEXT_VERSION, createdAt: since })) });
    await db.update.create({ data: { topicId: cause.id, title: "Before the outage", body: "Body", publishedAt: new Date(Date.now() - 60_000) } });
    await db.$disconnect();

    // A slow mail server, so the worker is in the middle of sending when the database goes away.
    const smtp = await startSmtpServer({ delayMs: 50 });
    const env = { PATH: process.env.PATH!, NODE_ENV: "test" as const, DATABASE_URL: url, AUTH_SECRET: process.env.AUTH_SECRET!, APP_URL: "http://localhost:3000" };
    const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      cwd: process.cwd(),
      env: { ...env, MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url, WORKER_INTERVAL_MS: "1000", WORKER_CONCURRENCY: "2", WORKER_BATCH: "50" },
    });
    const workerDone = run(worker);
    const load = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/processes/load.ts", cause.slug, "120"], { cwd: process.cwd(), env });
    const loadDone = run(load);

    // Once the worker is well into sending, the database goes away.
    for (let i = 0; i < 200 && smtp.received.length < 20; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const receivedBefore = smtp.received.length;
    expect(pgCtl("-m", "immediate", "stop").status).toBe(0); // like a crash: no goodbye to clients
    const stoppedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(startServer().status).toBe(0);
    const restartedAt = Date.now();
    // Six seconds of load after the restart: enough for the last twenty answers to come after recovery.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    load.kill("SIGTERM");

    const { timeline, thrown } = JSON.parse((await loadDone).trim().split("\n").at(-1)!);
    for (let i = 0; i < 120 && new Set(smtp.received.flatMap((m) => m.to)).size < followers.length; i++) await new Promise((resolve) => setTimeout(resolve, 500));
    worker.kill("SIGTERM");
    await workerDone;
    await smtp.close();

    // The app: calm 503s during the outage, 200 again soon after, never an exception or a 500.
    expect(thrown).toBe(0);
    const statuses = new Set(timeline.map((e: { status: number }) => e.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    const last = timeline.slice(-20).map((e: { status: number }) => e.status);
    expect(last.every((s: number) => s === 200)).toBe(true);

    // The worker: it was sending before the outage, and every follower got the mail exactly once.
    expect(receivedBefore).toBeGreaterThan(0);
    expect(receivedBefore).toBeLessThan(followers.length);
    const recipients = smtp.received.flatMap((m) => m.to);
    expect(recipients.length).toBe(followers.length);
    expect(new Set(recipients).size).toBe(followers.length);
    expect(restartedAt - stoppedAt).toBeGreaterThanOrEqual(4000);
  }, 180_000);
});
