/**
 * `npm run bench` (first part): the pull model's hot read and write paths on a fresh database of
 * each kind (SQLite always, PostgreSQL when reachable), at the sizes of a busy instance. Not a
 * test: it reports numbers next to their goals and asserts nothing.
 *
 *   publish        one update to a cause with FOLLOWERS active followers (rows written must stay 1)
 *   Mein Feed      first page and page 51 for a reader following CAUSES causes
 *   private feed   the reader's feed-reader address: validators only (a 304) and the full document
 *   group stream   first page and page 51 of a partner group with GROUP_MEMBERS member causes
 *
 * Sizes: BENCH_CAUSES (500) × BENCH_UPDATES_PER_CAUSE (2000) = 1 000 000 updates,
 * BENCH_FOLLOWERS (100 000), BENCH_GROUP_MEMBERS (50). Seeding happens inside the database.
 * It also prints the query plan of the timeline query (lib/update/timeline.ts) for the README.
 */
import { performance } from "node:perf_hooks";
import { benchEachDatabase } from "./bench-databases";
import { setupDatabase } from "./db-setup.mjs";

const CAUSES = Number(process.env.BENCH_CAUSES ?? 500);
const UPDATES_PER_CAUSE = Number(process.env.BENCH_UPDATES_PER_CAUSE ?? 2000);
const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 100_000);
const GROUP_MEMBERS = Math.min(CAUSES, Number(process.env.BENCH_GROUP_MEMBERS ?? 50));
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const GOAL_MS = 30;

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

function report(label: string, samples: number[], goal?: number) {
  const { p50, p95 } = percentiles(samples);
  const verdict = goal === undefined ? "" : p95 < goal ? `  ✓ goal p95 < ${goal} ms` : `  ✗ goal p95 < ${goal} ms`;
  console.log(`${label.padEnd(34)} p50 ${p50.toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms${verdict}`);
}

async function time(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function sample(fn: () => Promise<unknown>) {
  await fn(); // warm: plans cached, pages in memory
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await time(fn));
  return samples;
}

async function benchOne(label: string, url: string) {
  await setupDatabase(url);
  Object.assign(process.env, {
    DATABASE_URL: url,
    NODE_ENV: "production",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-0123456789abcdef0123456789",
    MAIL_TRANSPORT: "outbox",
  });
  const { db, isPostgres, Prisma } = await import("../lib/db");
  const { getReaderFeed, getReaderFeedVersion, getReaderFeedEntries } = await import("../lib/subscription/queries");
  const { getGroupStream } = await import("../lib/group/queries");
  const { publishUpdate } = await import("../lib/update/mutations");

  console.log(`\n## ${label}`);
  const setupStart = performance.now();
  const owner = await db.user.create({ data: { email: `owner-${Date.now()}@bench.local` } });
  const reader = await db.user.create({ data: { email: `reader-${Date.now()}@bench.local` } });
  const base = Date.now() - 60_000;
  const baseSeconds = Math.floor(base / 1000);
  const CHUNK = 50_000;
  const total = CAUSES * UPDATES_PER_CAUSE;
  // Causes, their updates (cause c's u-th newest is (u·CAUSES + c) minutes old: all interleave),
  // the reader's subscriptions, a group of the first causes, and FOLLOWERS followers of cause 0.
  if (isPostgres) {
    await db.$executeRaw`
      INSERT INTO "Topic" ("id", "slug", "title", "status", "publishedAt", "ownerId", "updatedAt", "searchText")
      SELECT 'bc' || lpad(c::text, 6, '0'), 'bench-cause-' || c, 'Bench cause ' || c, 'published', now(), ${owner.id}, now(), 'bench cause ' || c
      FROM generate_series(0, ${CAUSES - 1}::int) AS c`;
    for (let start = 0; start < total; start += CHUNK) {
      await db.$executeRaw`
        INSERT INTO "Update" ("id", "topicId", "title", "body", "publishedAt")
        SELECT 'bu' || lpad(i::text, 8, '0'), 'bc' || lpad((i % ${CAUSES})::text, 6, '0'), 'Update ' || i, 'Some text that a reader pulls into their feed.',
               to_timestamp(${baseSeconds}::bigint - i * 60) AT TIME ZONE 'UTC'
        FROM generate_series(${start}::int, ${Math.min(start + CHUNK, total) - 1}::int) AS i`;
    }
    await db.$executeRaw`
      INSERT INTO "Subscription" ("id", "userId", "topicId")
      SELECT 'bs' || lpad(c::text, 6, '0'), ${reader.id}, 'bc' || lpad(c::text, 6, '0') FROM generate_series(0, ${CAUSES - 1}::int) AS c`;
    await db.$executeRaw`
      INSERT INTO "User" ("id", "email") SELECT 'bf' || lpad(i::text, 8, '0'), 'f' || i || '@bench.local' FROM generate_series(0, ${FOLLOWERS - 1}::int) AS i`;
    await db.$executeRaw`
      INSERT INTO "Subscription" ("id", "userId", "topicId")
      SELECT 'bfs' || lpad(i::text, 8, '0'), 'bf' || lpad(i::text, 8, '0'), 'bc000000' FROM generate_series(0, ${FOLLOWERS - 1}::int) AS i`;
    await db.$executeRawUnsafe(`ANALYZE`);
  } else {
    const seq = (from: number, to: number) => Prisma.sql`WITH RECURSIVE seq(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM seq WHERE i < ${to})`;
    const now = new Date();
    await db.$executeRaw`${seq(0, CAUSES - 1)}
      INSERT INTO "Topic" ("id", "slug", "title", "status", "publishedAt", "ownerId", "createdAt", "updatedAt", "searchText")
      SELECT 'bc' || printf('%06d', i), 'bench-cause-' || i, 'Bench cause ' || i, 'published', ${now}, ${owner.id}, ${now}, ${now}, 'bench cause ' || i FROM seq`;
    for (let start = 0; start < total; start += CHUNK) {
      await db.$executeRaw`${seq(start, Math.min(start + CHUNK, total) - 1)}
        INSERT INTO "Update" ("id", "topicId", "kind", "title", "body", "publishedAt")
        SELECT 'bu' || printf('%08d', i), 'bc' || printf('%06d', i % ${CAUSES}), 'news', 'Update ' || i, 'Some text that a reader pulls into their feed.',
               strftime('%Y-%m-%dT%H:%M:%f', ${baseSeconds} - i * 60, 'unixepoch') || '+00:00'
        FROM seq`;
    }
    await db.$executeRaw`${seq(0, CAUSES - 1)}
      INSERT INTO "Subscription" ("id", "userId", "topicId", "since", "createdAt") SELECT 'bs' || printf('%06d', i), ${reader.id}, 'bc' || printf('%06d', i), ${now}, ${now} FROM seq`;
    for (let start = 0; start < FOLLOWERS; start += CHUNK) {
      const end = Math.min(start + CHUNK, FOLLOWERS) - 1;
      await db.$executeRaw`${seq(start, end)} INSERT INTO "User" ("id", "email", "createdAt") SELECT 'bf' || printf('%08d', i), 'f' || i || '@bench.local', ${now} FROM seq`;
      await db.$executeRaw`${seq(start, end)}
        INSERT INTO "Subscription" ("id", "userId", "topicId", "since", "createdAt") SELECT 'bfs' || printf('%08d', i), 'bf' || printf('%08d', i), 'bc000000', ${now}, ${now} FROM seq`;
    }
    await db.$executeRawUnsafe(`ANALYZE`);
  }
  const group = await db.partnerGroup.create({
    data: {
      slug: `bench-group-${Date.now()}`,
      name: "Bench group",
      concern: "Everything at once",
      adminTopicId: "bc000000",
      memberships: { create: Array.from({ length: GROUP_MEMBERS }, (_, i) => ({ topicId: `bc${String(i).padStart(6, "0")}` })) },
    },
  });
  console.log(
    `data: ${CAUSES} causes × ${UPDATES_PER_CAUSE} updates = ${total.toLocaleString("en")} updates; ${FOLLOWERS.toLocaleString("en")} followers of one cause; ` +
      `the reader follows ${CAUSES} causes; a group of ${GROUP_MEMBERS} (setup ${((performance.now() - setupStart) / 1000).toFixed(1)} s)`,
  );

  const rowCount = async () => (await Promise.all([db.update.count(), db.subscription.count(), db.consentEvent.count(), db.delivery.count()])).reduce((a, b) => a + b);
  const before = await rowCount();
  const publish: number[] = [];
  const ownerActor = { id: owner.id };
  for (let i = 0; i < RUNS; i++) {
    // 15 days apart: each publish is within the push budget and outside the repetition window.
    const at = new Date(base + (i + 1) * 15 * 24 * 60 * 60 * 1000);
    publish.push(await time(() => publishUpdate(ownerActor, { topicId: "bc000000", kind: "news", title: `Bench ${i}`, body: "Hello" }, at)));
  }
  report(`publish to ${FOLLOWERS.toLocaleString("en")} followers`, publish);
  console.log(`  rows written per publish: ${(await rowCount() - before) / RUNS} (goal: 1)`);
  // The published updates lie in the future; drop them so the pages read the seeded history.
  await db.update.deleteMany({ where: { title: { startsWith: "Bench " }, topicId: "bc000000" } });

  const pageAfter = async (read: (cursor?: string) => Promise<{ nextCursor: string | null }>, pages: number) => {
    let cursor: string | undefined;
    for (let page = 0; page < pages; page++) cursor = (await read(cursor)).nextCursor ?? undefined;
    return cursor;
  };
  report("Mein Feed, first page", await sample(() => getReaderFeed(reader.id)), GOAL_MS);
  const feedDeep = await pageAfter((c) => getReaderFeed(reader.id, c), 50);
  report("Mein Feed, page 51", await sample(() => getReaderFeed(reader.id, feedDeep)), GOAL_MS);
  report("private feed, validators (304)", await sample(() => getReaderFeedVersion(reader.id, 50)), GOAL_MS);
  report("private feed, 50 entries (200)", await sample(() => Promise.all([getReaderFeedVersion(reader.id, 50), getReaderFeedEntries(reader.id, 50)])), GOAL_MS);
  report(`group stream (${GROUP_MEMBERS} members), first page`, await sample(() => getGroupStream(group.id)), GOAL_MS);
  const groupDeep = await pageAfter((c) => getGroupStream(group.id, c), 50);
  report(`group stream, page 51`, await sample(() => getGroupStream(group.id, groupDeep)), GOAL_MS);

  // The timeline queries' plans, for the README, at the cursor of page 51 (lib/update/timeline.ts).
  const cursor = await db.update.findUniqueOrThrow({ where: { id: feedDeep! }, select: { publishedAt: true, id: true } });
  const topicIds = Array.from({ length: CAUSES }, (_, i) => `bc${String(i).padStart(6, "0")}`);
  const quiet = topicIds.slice(0, 3); // a reader of a few causes: step 2 (per cause)
  if (isPostgres) {
    const explain = async (title: string, query: ReturnType<typeof Prisma.sql>) => {
      const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${query}`;
      // The 500 ids of the array literal are shortened for reading.
      console.log(`\n${title}:\n${plan.map((row) => `  ${row["QUERY PLAN"].replace(/'\{[^}]{100,}\}'/, "'{…}'")}`).join("\n")}`);
    };
    await explain(`step 1, the instance's newest 2000 (Mein Feed page 51, ${CAUSES} causes)`, Prisma.sql`
      SELECT "id" FROM (SELECT "id", "publishedAt", "topicId" FROM "Update" WHERE "hiddenAt" IS NULL AND ("publishedAt", "id") < (${cursor.publishedAt}, ${cursor.id})
        ORDER BY "publishedAt" DESC, "id" DESC LIMIT 2000) recent
      WHERE "topicId" = ANY(${topicIds}::text[]) ORDER BY "publishedAt" DESC, "id" DESC LIMIT 21`);
    await explain(`step 2, per cause (a reader of ${quiet.length} causes, page 51)`, Prisma.sql`
      SELECT u."id" FROM unnest(${quiet}::text[]) AS t(id) CROSS JOIN LATERAL (
        SELECT "id", "publishedAt" FROM "Update" WHERE "topicId" = t.id AND "hiddenAt" IS NULL AND ("publishedAt", "id") < (${cursor.publishedAt}, ${cursor.id})
        ORDER BY "publishedAt" DESC, "id" DESC LIMIT 21) u
      ORDER BY u."publishedAt" DESC, u."id" DESC LIMIT 21`);
  } else {
    const explain = async (title: string, query: ReturnType<typeof Prisma.sql>) => {
      const plan = await db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN ${query}`;
      console.log(`\n${title}:\n${plan.map((row) => `  ${row.detail}`).join("\n")}`);
    };
    await explain(`step 1, the instance's newest 2000 (Mein Feed page 51, ${CAUSES} causes)`, Prisma.sql`
      SELECT "id" FROM (SELECT "id", "publishedAt", "topicId" FROM "Update" WHERE "hiddenAt" IS NULL AND ("publishedAt", "id") < (${cursor.publishedAt}, ${cursor.id})
        ORDER BY "publishedAt" DESC, "id" DESC LIMIT 2000) recent
      WHERE "topicId" IN (${Prisma.join(topicIds)}) ORDER BY "publishedAt" DESC, "id" DESC LIMIT 21`);
    await explain(`step 2, per cause (a reader of ${quiet.length} causes, page 51)`, Prisma.sql`
      WITH t(id) AS (VALUES ${Prisma.join(quiet.map((id) => Prisma.sql`(${id})`))})
      SELECT u."id" FROM t JOIN "Update" u ON u."id" IN (
        SELECT x."id" FROM "Update" x WHERE x."topicId" = t.id AND x."hiddenAt" IS NULL AND (x."publishedAt", x."id") < (${cursor.publishedAt}, ${cursor.id})
        ORDER BY x."publishedAt" DESC, x."id" DESC LIMIT 21)
      ORDER BY u."publishedAt" DESC, u."id" DESC LIMIT 21`);
  }
  // The same reader of a few quiet causes, timed: step 2's cost.
  const { newestUpdates } = await import("../lib/update/timeline");
  report(`${quiet.length} causes only (step 2), first page`, await sample(() => newestUpdates(quiet, 21)), GOAL_MS);
  await db.$disconnect();
}

benchEachDatabase({ name: "herzensthema_bench", run: benchOne }).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
