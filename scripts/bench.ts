/**
 * `npm run bench`: measures the pull model's two hot paths on a fresh database of each kind
 * (SQLite always, PostgreSQL when reachable). Not a test: it reports numbers, it asserts nothing.
 *
 *   publish   one update to a cause with FOLLOWERS active followers (rows written must stay 1)
 *   feed      "Mein Feed" first page and a deep page for a reader following CAUSES causes
 *
 * Sizes: BENCH_FOLLOWERS (default 10000), BENCH_CAUSES (200), BENCH_UPDATES_PER_CAUSE (50).
 * Run with: node --conditions=react-server --import tsx scripts/bench.ts
 */
import { performance } from "node:perf_hooks";
import { benchEachDatabase } from "./bench-databases";
import { setupDatabase } from "./db-setup.mjs";

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 10_000);
const CAUSES = Number(process.env.BENCH_CAUSES ?? 200);
const UPDATES_PER_CAUSE = Number(process.env.BENCH_UPDATES_PER_CAUSE ?? 50);
const RUNS = 30;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  (n=${sorted.length})`;
}

async function time(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function chunked<T>(items: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

async function benchOne(label: string, url: string) {
  await setupDatabase(url);
  Object.assign(process.env, {
    DATABASE_URL: url,
    NODE_ENV: "production",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-0123456789abcdef0123456789",
    MAIL_TRANSPORT: "outbox",
  });
  const { createDbClient } = await import("../lib/db-client");
  const db = createDbClient(url);
  // The app's own modules read the same DATABASE_URL.
  const { getReaderFeed } = await import("../lib/subscription/queries");
  const { publishUpdate } = await import("../lib/update/mutations");

  console.log(`\n## ${label}`);
  const setupStart = performance.now();
  const owner = await db.user.create({ data: { email: `owner-${Date.now()}@bench.local` } });
  const causes = Array.from({ length: CAUSES }, (_, i) => ({
    id: `benchcause${String(i).padStart(8, "0")}`,
    slug: `bench-cause-${i}`,
    title: `Bench cause ${i}`,
    status: "published" as const,
    publishedAt: new Date(),
    ownerId: owner.id,
  }));
  await chunked(causes, 500, (data) => db.topic.createMany({ data }));
  const now = Date.now();
  const updates = causes.flatMap((cause, c) =>
    Array.from({ length: UPDATES_PER_CAUSE }, (_, u) => ({
      topicId: cause.id,
      title: `Update ${u} of ${c}`,
      body: "Some text that a reader pulls into their feed.",
      publishedAt: new Date(now - (u * CAUSES + c) * 60_000),
    })),
  );
  await chunked(updates, 1000, (data) => db.update.createMany({ data }));
  const users = Array.from({ length: FOLLOWERS }, (_, i) => ({ id: `benchuser${String(i).padStart(10, "0")}`, email: `u${i}@bench.local` }));
  await chunked(users, 1000, (data) => db.user.createMany({ data }));
  const popular = causes[0];
  await chunked(users, 1000, (chunk) =>
    db.subscription.createMany({ data: chunk.map((u) => ({ userId: u.id, topicId: popular.id })) }),
  );
  const reader = users[1];
  await db.subscription.createMany({ data: causes.slice(1).map((c) => ({ userId: reader.id, topicId: c.id })) });
  console.log(
    `data: ${CAUSES} causes × ${UPDATES_PER_CAUSE} updates = ${updates.length} updates; ${FOLLOWERS} followers of one cause; ` +
      `reader follows ${CAUSES} causes (setup ${((performance.now() - setupStart) / 1000).toFixed(1)} s)`,
  );

  const rowCount = async () => (await Promise.all([db.update.count(), db.subscription.count(), db.consentEvent.count()])).reduce((a, b) => a + b);
  const before = await rowCount();
  const publish: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // 15 days apart: each publish is within the push budget and outside the repetition window.
    const at = new Date(now + (i + 1) * 15 * 24 * 60 * 60 * 1000);
    publish.push(await time(() => publishUpdate(owner, { topicId: popular.id, kind: "news", title: `Bench ${i}`, body: "Hello" }, at)));
  }
  console.log(`publish to ${FOLLOWERS} followers: ${stats(publish)}; rows written per publish: ${(await rowCount() - before) / RUNS}`);

  const first: number[] = [];
  for (let i = 0; i < RUNS; i++) first.push(await time(() => getReaderFeed(reader.id)));
  console.log(`feed, first page:  ${stats(first)}`);
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) cursor = (await getReaderFeed(reader.id, cursor)).nextCursor ?? undefined;
  const deep: number[] = [];
  for (let i = 0; i < RUNS; i++) deep.push(await time(() => getReaderFeed(reader.id, cursor)));
  console.log(`feed, page 51:     ${stats(deep)}`);
  await db.$disconnect();
}

benchEachDatabase({ name: "herzensthema_bench", run: benchOne }).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
