import "server-only";
import { randomBytes } from "node:crypto";
import { db, Prisma } from "@/lib/db";
import { VISIBLE_UPDATE } from "@/lib/update/queries";
import { parseKinds } from "@/lib/subscription/email/rules";
import { digestDueAt, instantDueAt, lastCompletedPeriod, updateKey, type DigestCadence, type UpdateKind } from "./rules";
import { sourceTopics, subscriptionsReaching, type MembershipGraph } from "@/lib/subscription/sources";
import { loadMembershipGraph, mailableAt } from "./audience";

// Planning turns "updates exist" into Delivery rows, one per mail owed. It is idempotent: the
// unique (subscriptionId, key) makes a second planner (another worker, the next pass) a no-op.
//
// Pause: a paused subscription is not planned for at all, and an update published during the pause
// is never mailed afterwards (everything stays on the web). Delivery resumes by itself once
// pausedUntil has passed: later updates and periods are planned as usual.
//
// Known limits, by choice: single-update mails look back INSTANT_LOOKBACK_MS; digests are planned
// for the most recent completed period only (a worker that was down for days sends the latest
// digest, not a backlog). Two subscriptions of one reader that reach the same cause (a cause and
// its group) each get their own mail.

const PAGE = 1000;
const INSTANT_LOOKBACK_MS = 3 * 24 * 3600_000;
// A weekly period may have ended up to 7 days ago and is 7 days long (+1 day for DST and zones).
const DIGEST_WINDOW_MS = 15 * 24 * 3600_000;

type PlannedRow = { subscriptionId: string; key: string; updateId: string | null; periodStart: Date | null; periodEnd: Date | null; dueAt: Date };

function newId(): string {
  return `dl${randomBytes(12).toString("hex")}`;
}

/** INSERT … ON CONFLICT DO NOTHING (SQLite ≥ 3.24 and Postgres): concurrent planners never fail. */
async function insertDeliveries(rows: PlannedRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map((r) => Prisma.sql`(${newId()}, ${r.subscriptionId}, ${r.key}, ${r.updateId}, ${r.periodStart}, ${r.periodEnd}, ${r.dueAt}, ${new Date()})`);
    inserted += await db.$executeRaw`
      INSERT INTO "Delivery" ("id", "subscriptionId", "key", "updateId", "periodStart", "periodEnd", "dueAt", "createdAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("subscriptionId", "key") DO NOTHING`;
  }
  return inserted;
}

const quietSelect = { id: true, timeZone: true, quietStart: true, quietEnd: true } as const;

/** One row per (instant subscription, recent update) it has not been planned for yet. */
async function planInstant(now: Date, graph: MembershipGraph): Promise<number> {
  const updates = await db.update.findMany({
    where: { publishedAt: { gt: new Date(now.getTime() - INSTANT_LOOKBACK_MS), lte: now }, ...VISIBLE_UPDATE },
    select: { id: true, topicId: true, kind: true, publishedAt: true },
  });
  let planned = 0;
  for (const update of updates) {
    const key = updateKey(update.id);
    let after = "";
    for (;;) {
      // Already planned rows drop out through the unique index (NOT EXISTS), so repeated passes
      // stay cheap and pages only ever contain new work.
      const subs = await db.subscription.findMany({
        where: {
          AND: [
            mailableAt(now),
            subscriptionsReaching([update.topicId], graph),
            { OR: [{ pausedUntil: null }, { pausedUntil: { lte: update.publishedAt } }] },
            // Switched to "as published" later: earlier updates were for the digest, not for now.
            { OR: [{ cadenceSince: null }, { cadenceSince: { lte: update.publishedAt } }] },
          ],
          id: { gt: after },
          cadence: "instant",
          kinds: { contains: update.kind },
          emailSince: { lte: update.publishedAt },
          deliveries: { none: { key } },
        },
        select: quietSelect,
        orderBy: { id: "asc" },
        take: PAGE,
      });
      if (subs.length === 0) break;
      after = subs[subs.length - 1].id;
      planned += await insertDeliveries(
        subs.map((s) => ({
          subscriptionId: s.id,
          key,
          updateId: update.id,
          periodStart: null,
          periodEnd: null,
          dueAt: instantDueAt(update.publishedAt, s.timeZone, s),
        })),
      );
      if (subs.length < PAGE) break;
    }
  }
  return planned;
}

const HOUR_MS = 3600_000;

/**
 * Digest subscriptions that may lack a row for their latest period. A row whose period ended less
 * than a day (daily) or week (weekly) minus an hour ago (DST) can only be for the latest period, so
 * an indexed NOT EXISTS keeps the steady state (everything planned) from reading every follower.
 * Borderline cases fall through to the exact check below, never the other way round.
 */
function notYetPlanned(now: Date) {
  const since = (ms: number) => new Date(now.getTime() - ms + HOUR_MS);
  return {
    OR: [
      // A new weekday, time zone or cadence shifts the periods: such subscriptions get the exact check.
      { scheduleChangedAt: { gt: new Date(now.getTime() - 8 * 24 * HOUR_MS) } },
      { cadence: "daily" as const, deliveries: { none: { key: { startsWith: "d:" }, periodEnd: { gt: since(24 * HOUR_MS) } } } },
      { cadence: "weekly" as const, deliveries: { none: { key: { startsWith: "w:" }, periodEnd: { gt: since(7 * 24 * HOUR_MS) } } } },
    ],
  };
}

type RecentUpdate = { topicId: string; kind: UpdateKind; publishedAt: Date };

/** One row per digest subscription for its last completed period, only if it has something new. */
async function planDigests(now: Date, graph: MembershipGraph): Promise<number> {
  // Set-based first: which causes published anything recently? Nothing → no subscription is read.
  const recent: RecentUpdate[] = await db.update.findMany({
    where: { publishedAt: { gte: new Date(now.getTime() - DIGEST_WINDOW_MS), lte: now }, ...VISIBLE_UPDATE },
    select: { topicId: true, kind: true, publishedAt: true },
  });
  if (recent.length === 0) return 0;
  const byTopic = new Map<string, RecentUpdate[]>();
  for (const u of recent) byTopic.set(u.topicId, [...(byTopic.get(u.topicId) ?? []), u]);

  let planned = 0;
  let after = "";
  for (;;) {
    const subs = await db.subscription.findMany({
      where: {
        AND: [mailableAt(now), subscriptionsReaching(byTopic.keys(), graph), notYetPlanned(now)],
        id: { gt: after },
      },
      select: { ...quietSelect, topicId: true, groupId: true, partnerNews: true, cadence: true, weekday: true, kinds: true, emailSince: true, pausedUntil: true, cadenceSince: true },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (subs.length === 0) break;
    after = subs[subs.length - 1].id;

    const rows: PlannedRow[] = [];
    for (const s of subs) {
      const period = lastCompletedPeriod(now, s.cadence as DigestCadence, s.timeZone, s.weekday);
      // Nothing from before the confirmation, from during a pause, or from before a cadence change.
      const from = Math.max(period.periodStart.getTime(), s.emailSince!.getTime(), s.pausedUntil?.getTime() ?? 0, s.cadenceSince?.getTime() ?? 0);
      const kinds = parseKinds(s.kinds);
      const hasNews = sourceTopics(s, graph).some((t) =>
        (byTopic.get(t) ?? []).some((u) => kinds.has(u.kind) && u.publishedAt.getTime() >= from && u.publishedAt < period.periodEnd),
      );
      if (hasNews) rows.push({ subscriptionId: s.id, ...period, updateId: null, dueAt: digestDueAt(period, s.timeZone, s) });
    }
    if (rows.length) {
      // Skip what an earlier pass planned, so the steady state writes nothing.
      const existing = await db.delivery.findMany({
        where: { subscriptionId: { in: rows.map((r) => r.subscriptionId) }, key: { in: [...new Set(rows.map((r) => r.key))] } },
        select: { subscriptionId: true, key: true },
      });
      const seen = new Set(existing.map((e) => `${e.subscriptionId} ${e.key}`));
      planned += await insertDeliveries(rows.filter((r) => !seen.has(`${r.subscriptionId} ${r.key}`)));
    }
    if (subs.length < PAGE) break;
  }
  return planned;
}

/**
 * Plans every mail owed at `now`; returns how many new Delivery rows were written. The worker
 * passes the graph it loaded for the whole pass; other callers let it be loaded here.
 */
export async function planDeliveries(now: Date = new Date(), graph?: MembershipGraph): Promise<{ instant: number; digests: number }> {
  graph ??= await loadMembershipGraph();
  return { instant: await planInstant(now, graph), digests: await planDigests(now, graph) };
}
