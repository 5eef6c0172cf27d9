import "server-only";
import { db, isPostgres } from "@/lib/db";

// Lease-based claiming: a worker reserves due rows for a while (leaseUntil) before it talks to
// SMTP. Another worker skips leased rows; a crashed worker's rows come back when the lease ends.

/**
 * Claims up to `limit` due, unleased pending rows for `workerId` and returns their ids.
 * Postgres: FOR UPDATE SKIP LOCKED lets concurrent workers claim disjoint rows without waiting.
 * SQLite: writes are serialised, so the same single statement is already atomic.
 */
export async function claimDue(workerId: string, now: Date, limit: number, leaseMs: number): Promise<string[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = isPostgres
    ? await db.$queryRaw<{ id: string }[]>`
        UPDATE "Delivery" SET "leaseUntil" = ${leaseUntil}, "leasedBy" = ${workerId}
        WHERE "id" IN (
          SELECT "id" FROM "Delivery"
          WHERE "status" = 'pending' AND "dueAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
          ORDER BY "dueAt" LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING "id"`
    : await db.$queryRaw<{ id: string }[]>`
        UPDATE "Delivery" SET "leaseUntil" = ${leaseUntil}, "leasedBy" = ${workerId}
        WHERE "id" IN (
          SELECT "id" FROM "Delivery"
          WHERE "status" = 'pending' AND "dueAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
          ORDER BY "dueAt" LIMIT ${limit})
        RETURNING "id"`;
  return rows.map((r) => r.id);
}

/** Extends the lease on rows this worker still holds; returns the ids it still owns. */
export async function renewLease(workerId: string, ids: string[], now: Date, leaseMs: number): Promise<string[]> {
  if (ids.length === 0) return [];
  await db.delivery.updateMany({
    where: { id: { in: ids }, leasedBy: workerId, status: "pending" },
    data: { leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  const held = await db.delivery.findMany({
    where: { id: { in: ids }, leasedBy: workerId, status: "pending" },
    select: { id: true },
  });
  return held.map((r) => r.id);
}

/** Only the holder of the lease may finish a row: a conditional update, false if it lost it. */
export async function finishDelivery(
  id: string,
  workerId: string,
  data: { status: "sent" | "skipped" | "failed"; sentAt?: Date; lastError?: string | null; attempts?: { increment: number } },
): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id, leasedBy: workerId, status: "pending" },
    data: { ...data, leaseUntil: null },
  });
  return count === 1;
}

/** A try that failed for now: count it, remember why, and hand the row back for `retryAt`. */
export async function rescheduleDelivery(id: string, workerId: string, retryAt: Date, lastError: string | null, countAttempt: boolean) {
  await db.delivery.updateMany({
    where: { id, leasedBy: workerId, status: "pending" },
    data: { dueAt: retryAt, lastError, leaseUntil: null, leasedBy: null, ...(countAttempt ? { attempts: { increment: 1 } } : {}) },
  });
}

/** Gives unsent rows back at once (a pass stopping early), so the next pass need not wait for the lease. */
export async function releaseLeases(workerId: string, ids: string[]) {
  if (ids.length === 0) return;
  await db.delivery.updateMany({
    where: { id: { in: ids }, leasedBy: workerId, status: "pending" },
    data: { leaseUntil: null, leasedBy: null },
  });
}
