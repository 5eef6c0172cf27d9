/**
 * `npm run bench` (last part): the email worker at scale. Seeds BENCH_MAIL_SUBSCRIBERS (default
 * 100 000) confirmed daily-digest email followers of one cause, publishes a few updates in
 * yesterday's period, then plans and sends every digest to a local SMTP sink (smtp-server in this
 * process, discarding bodies) and reports planning time, mails/s, peak RSS and total.
 * SQLite always; PostgreSQL when reachable (BENCH_POSTGRES_URL, database herzensthema_bench_mail
 * is recreated). Not a test: it reports numbers; it only checks that every mail arrived once.
 * Run with: node --conditions=react-server --import tsx scripts/bench-mail.ts
 */
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { SMTPServer } from "smtp-server";
import { benchEachDatabase } from "./bench-databases";
import { setupDatabase } from "./db-setup.mjs";

const SUBSCRIBERS = Number(process.env.BENCH_MAIL_SUBSCRIBERS ?? 100_000);
const UPDATES = 3;
// Pooled SMTP connections, as many as the worker's default (WORKER_CONCURRENCY).
const CONNECTIONS = Number(process.env.BENCH_MAIL_CONNECTIONS ?? 5);

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
  // Seeded inside the database (a generated series), so the seeding itself holds no rows in memory.
  const { isPostgres } = await import("../lib/db");
  const CHUNK = 10_000;
  for (let start = 0; start < SUBSCRIBERS; start += CHUNK) {
    const last = Math.min(start + CHUNK, SUBSCRIBERS) - 1;
    if (isPostgres) {
      await db.$executeRaw`
        INSERT INTO "Subscription" ("id", "email", "topicId", "channel", "status", "emailSince", "cadence", "quietStart", "quietEnd")
        SELECT 'benchsub' || lpad(i::text, 8, '0'), 'reader' || i || '@bench.local', ${cause.id}, 'email'::"Channel", 'active'::"SubscriptionStatus", ${since}, 'daily'::"Cadence", NULL, NULL
        FROM generate_series(${start}::int, ${last}::int) AS i`;
      await db.$executeRaw`
        INSERT INTO "ConsentEvent" ("id", "subscriptionId", "topicId", "action", "source", "consentVersion", "createdAt")
        SELECT 'benchce' || lpad(i::text, 8, '0'), 'benchsub' || lpad(i::text, 8, '0'), ${cause.id}, 'confirm'::"ConsentAction", ${`/c/${cause.slug}`}, ${EMAIL_CONSENT_TEXT_VERSION}, ${since}
        FROM generate_series(${start}::int, ${last}::int) AS i`;
    } else {
      await db.$executeRaw`
        WITH RECURSIVE seq(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM seq WHERE i < ${last})
        INSERT INTO "Subscription" ("id", "email", "topicId", "channel", "status", "since", "createdAt", "emailSince", "cadence", "quietStart", "quietEnd")
        SELECT 'benchsub' || printf('%08d', i), 'reader' || i || '@bench.local', ${cause.id}, 'email', 'active', ${since}, ${since}, ${since}, 'daily', NULL, NULL FROM seq`;
      await db.$executeRaw`
        WITH RECURSIVE seq(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM seq WHERE i < ${last})
        INSERT INTO "ConsentEvent" ("id", "subscriptionId", "topicId", "action", "source", "consentVersion", "createdAt")
        SELECT 'benchce' || printf('%08d', i), 'benchsub' || printf('%08d', i), ${cause.id}, 'confirm', ${`/c/${cause.slug}`}, ${EMAIL_CONSENT_TEXT_VERSION}, ${since} FROM seq`;
    }
  }
  const period = lastCompletedPeriod(now, "daily", "Europe/Berlin");
  for (let i = 0; i < UPDATES; i++) {
    await db.update.create({
      data: { topicId: cause.id, title: `Update ${i}`, body: "Something worth reading, once a day.", publishedAt: new Date(period.periodStart.getTime() + (9 + 3 * i) * 3600_000) },
    });
  }
  // The worker's memory is what matters, not the seeding's: start the peak afresh after a full GC
  // (run with --expose-gc; without it the peak includes the seeding's garbage).
  (globalThis as { gc?: () => void }).gc?.();
  const seedPeakRss = peakRss;
  peakRss = process.memoryUsage().rss;
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
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(`peak RSS while planning and sending: ${mb(peakRss)} (seeding: ${mb(seedPeakRss)}); heap now ${mb(process.memoryUsage().heapUsed)}; plan + send: ${((afterSend - seeded) / 1000).toFixed(1)} s; total incl. seed: ${((afterSend - t0) / 1000).toFixed(1)} s`);
  sink.close();
  await db.$disconnect();
  if (arrived.count !== SUBSCRIBERS) process.exitCode = 1;
}

benchEachDatabase({ name: "herzensthema_bench_mail", title: ": email worker", run: benchOne }).then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
