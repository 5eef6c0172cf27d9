/**
 * `npm run bench` (last part): the email worker at scale. Seeds BENCH_MAIL_SUBSCRIBERS (default
 * 100 000) confirmed daily-digest email followers of one cause, publishes a few updates in
 * yesterday's period, then plans and sends every digest to a local SMTP sink (smtp-server in this
 * process, discarding bodies) and reports planning time, mails/s, peak RSS and total.
 * SQLite always; PostgreSQL when reachable (BENCH_POSTGRES_URL, database herzensthema_bench_mail
 * is recreated). Not a test: it reports numbers; it only checks that every mail arrived once.
 * Run with: node --conditions=react-server --import tsx scripts/bench-mail.ts
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { setupDatabase } from "./db-setup.mjs";

const SUBSCRIBERS = Number(process.env.BENCH_MAIL_SUBSCRIBERS ?? 100_000);
const UPDATES = 3;
// Pooled SMTP connections, as many as the worker's default (WORKER_CONCURRENCY).
const CONNECTIONS = Number(process.env.BENCH_MAIL_CONNECTIONS ?? 5);
const postgresServer = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE = "herzensthema_bench_mail";

async function startSink() {
  let count = 0;
  const recipients = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        count++;
        for (const r of session.envelope.rcptTo) recipients.add(r.address);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, stats: () => ({ count, unique: recipients.size }), close: () => server.close() };
}

async function benchOne(label: string, url: string) {
  await setupDatabase(url);
  const sink = await startSink();
  Object.assign(process.env, {
    DATABASE_URL: url,
    NODE_ENV: "production",
    APP_URL: "http://127.0.0.1:3000",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-0123456789abcdef0123456789",
    MAIL_TRANSPORT: "smtp",
    SMTP_URL: sink.url,
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const { db } = await import("../lib/db");
  const { planDeliveries } = await import("../lib/delivery/plan");
  const { sendDue } = await import("../lib/delivery/dispatch");
  const { lastCompletedPeriod } = await import("../lib/delivery/rules");
  const { createSmtpMailer } = await import("../lib/mail/send");
  const { EMAIL_CONSENT_TEXT_VERSION } = await import("../lib/subscription/rules");

  console.log(`\n## ${label}`);
  const t0 = performance.now();
  const owner = await db.user.create({ data: { email: `owner-${Date.now()}@bench.local` } });
  const cause = await db.topic.create({
    data: { slug: `bench-mail-${Date.now()}`, title: "Bench cause", status: "published", publishedAt: new Date(), ownerId: owner.id },
  });
  const now = new Date();
  const since = new Date(now.getTime() - 30 * 24 * 3600_000);
  // Chunks keep each INSERT under SQLite's bound-parameter limit and memory flat.
  const CHUNK = 2000;
  for (let start = 0; start < SUBSCRIBERS; start += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, SUBSCRIBERS - start) }, (_, i) => `benchsub${String(start + i).padStart(8, "0")}`);
    await db.subscription.createMany({
      data: ids.map((id, i) => ({
        id,
        email: `reader${start + i}@bench.local`,
        topicId: cause.id,
        channel: "email" as const,
        status: "active" as const,
        emailSince: since,
        cadence: "daily" as const,
        quietStart: null,
        quietEnd: null,
      })),
    });
    await db.consentEvent.createMany({
      data: ids.map((id) => ({ subscriptionId: id, topicId: cause.id, action: "confirm" as const, source: `/c/${cause.slug}`, consentVersion: EMAIL_CONSENT_TEXT_VERSION, createdAt: since })),
    });
  }
  const period = lastCompletedPeriod(now, "daily", "Europe/Berlin");
  for (let i = 0; i < UPDATES; i++) {
    await db.update.create({
      data: { topicId: cause.id, title: `Update ${i}`, body: "Something worth reading, once a day.", publishedAt: new Date(period.periodStart.getTime() + (9 + 3 * i) * 3600_000) },
    });
  }
  const seeded = performance.now();
  console.log(`seed: ${SUBSCRIBERS} daily-digest subscribers, ${UPDATES} updates yesterday (${((seeded - t0) / 1000).toFixed(1)} s)`);

  const planned = await planDeliveries(now);
  const afterPlan = performance.now();
  console.log(`plan: ${planned.digests} digests in ${((afterPlan - seeded) / 1000).toFixed(1)} s`);
  const replanned = await planDeliveries(now);
  const afterReplan = performance.now();
  console.log(`plan again (steady state, nothing new): ${replanned.digests} rows in ${((afterReplan - afterPlan) / 1000).toFixed(1)} s`);

  const mailer = createSmtpMailer(sink.url, { maxConnections: CONNECTIONS });
  const sent = await sendDue({ mailer, now, batch: 500, concurrency: CONNECTIONS * 2 });
  const afterSend = performance.now();
  mailer.close();
  const seconds = (afterSend - afterReplan) / 1000;
  const arrived = sink.stats();
  clearInterval(sampler);
  console.log(`send: ${sent.sent} sent (${sent.skipped} skipped, ${sent.retried} retried) in ${seconds.toFixed(1)} s = ${(sent.sent / seconds).toFixed(0)} mails/s`);
  console.log(`sink: ${arrived.count} messages to ${arrived.unique} distinct recipients${arrived.count === SUBSCRIBERS && arrived.unique === SUBSCRIBERS ? " (each exactly once)" : " — MISMATCH"}`);
  console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB; plan + send: ${((afterSend - seeded) / 1000).toFixed(1)} s; total incl. seed: ${((afterSend - t0) / 1000).toFixed(1)} s`);
  sink.close();
  await db.$disconnect();
  if (arrived.count !== SUBSCRIBERS) process.exitCode = 1;
}

async function main() {
  const which = process.argv[2];
  if (!which) {
    // One process per database: the app's modules hold one client each.
    for (const provider of ["sqlite", "postgres"]) {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], provider], { stdio: "inherit" });
      if (child.status !== 0) process.exit(child.status ?? 1);
    }
    return;
  }
  if (which === "sqlite") {
    const file = path.resolve("data/bench-mail.db");
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    await benchOne("SQLite (file, WAL): email worker", "file:./data/bench-mail.db");
    return;
  }
  const admin = new pg.Client({ connectionString: postgresServer, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    console.log("\nPostgreSQL not reachable: email worker bench skipped.");
    return;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  await benchOne("PostgreSQL: email worker", Object.assign(new URL(postgresServer), { pathname: `/${DATABASE}` }).toString());
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
