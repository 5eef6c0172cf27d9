import "server-only";
import { db, isPostgres, Prisma } from "@/lib/db";

// The newest updates of many causes at once — Mein Feed, the reader's private feed, a group's
// joint stream and feed — in two steps, each bounded whatever the number of updates:
//
// 1. A look at the newest WINDOW visible updates of the whole instance (index Update(publishedAt,
//    id)), kept when they belong to the given causes. If that finds a full page, it is exactly the
//    right page: nothing newer was skipped. Readers of busy causes end here.
// 2. Otherwise a per-cause top-N merge: each cause contributes at most `take` rows read straight off
//    Update(topicId, publishedAt, id), and the merged list is cut to `take`. The cost grows with
//    causes × page size. Readers of a few quiet causes end here.
//
// Both page with a keyset cursor on (publishedAt, id): a deep page costs what the first does. The
// rows come back whole from that one statement (raw SQL: Prisma has no LATERAL join).

export type TimelineCursor = { publishedAt: Date; id: string };

/** Where a page continues: the (publishedAt, id) of the last update shown, or null for an unknown id. */
export async function cursorAfter(updateId: string | undefined): Promise<TimelineCursor | null> {
  if (!updateId) return null;
  return db.update.findUnique({ where: { id: updateId }, select: { publishedAt: true, id: true } });
}

type UpdateRow = Prisma.UpdateGetPayload<object>;
const DATE_FIELDS = ["publishedAt", "correctedAt", "startsAt", "endsAt", "deadline", "hiddenAt", "appealedAt"] as const;
// Every column of Update, as the models define them (a raw SELECT * would depend on column order).
const COLUMNS = Prisma.raw(
  ["id", "topicId", "kind", "title", "body", "correctionNote", "place", "callUrl", "timeZone", "hiddenReason", "appealNote", ...DATE_FIELDS].map((c) => `"${c}"`).join(", "),
);

/** A raw row as Prisma would return it: SQLite hands back dates as ISO text. */
function toUpdate(row: Record<string, unknown>): UpdateRow {
  const update = { ...row } as Record<string, unknown>;
  for (const field of DATE_FIELDS) update[field] = row[field] === null || row[field] === undefined ? null : new Date(row[field] as string | Date);
  return update as UpdateRow;
}

// SQLite binds at most 32 766 values per statement; Postgres takes the whole list as one array.
const SQLITE_CHUNK = 10_000;
// How many of the instance's newest updates step 1 looks at.
const WINDOW = 2000;

const before = (cursor: TimelineCursor | null, alias = "") =>
  cursor ? Prisma.sql`AND (${Prisma.raw(`${alias}"publishedAt"`)}, ${Prisma.raw(`${alias}"id"`)}) < (${cursor.publishedAt}, ${cursor.id})` : Prisma.empty;

/** Step 1: the newest WINDOW visible updates before the cursor, those of the given causes. */
function recent(topicIds: string[], take: number, cursor: TimelineCursor | null) {
  const ofCauses = isPostgres ? Prisma.sql`"topicId" = ANY(${topicIds}::text[])` : Prisma.sql`"topicId" IN (${Prisma.join(topicIds)})`;
  return db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${COLUMNS} FROM (
      SELECT ${COLUMNS} FROM "Update" WHERE "hiddenAt" IS NULL ${before(cursor)}
      ORDER BY "publishedAt" DESC, "id" DESC LIMIT ${WINDOW}
    ) recent
    WHERE ${ofCauses}
    ORDER BY "publishedAt" DESC, "id" DESC LIMIT ${take}`;
}

/** Step 2 on PostgreSQL: a LATERAL top-N per cause. */
function perCausePostgres(topicIds: string[], take: number, cursor: TimelineCursor | null) {
  return db.$queryRaw<Record<string, unknown>[]>`
    SELECT u.* FROM unnest(${topicIds}::text[]) AS t(id)
    CROSS JOIN LATERAL (
      SELECT ${COLUMNS} FROM "Update"
      WHERE "topicId" = t.id AND "hiddenAt" IS NULL ${before(cursor)}
      ORDER BY "publishedAt" DESC, "id" DESC LIMIT ${take}
    ) u
    ORDER BY u."publishedAt" DESC, u."id" DESC LIMIT ${take}`;
}

/** Step 2 on SQLite, which has no LATERAL: a correlated IN-subquery per cause does the same. */
async function perCauseSqlite(topicIds: string[], take: number, cursor: TimelineCursor | null) {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < topicIds.length; i += SQLITE_CHUNK) {
    const values = Prisma.join(topicIds.slice(i, i + SQLITE_CHUNK).map((id) => Prisma.sql`(${id})`));
    rows.push(
      ...(await db.$queryRaw<Record<string, unknown>[]>`
        WITH t(id) AS (VALUES ${values})
        SELECT u.* FROM t JOIN "Update" u ON u."id" IN (
          SELECT x."id" FROM "Update" x WHERE x."topicId" = t.id AND x."hiddenAt" IS NULL ${before(cursor, "x.")}
          ORDER BY x."publishedAt" DESC, x."id" DESC LIMIT ${take})
        ORDER BY u."publishedAt" DESC, u."id" DESC LIMIT ${take}`),
    );
  }
  return rows;
}

/** Newest first, the later id first on equal times (the order every page and feed uses). */
export function compareNewestFirst(a: { id: string; publishedAt: Date }, b: { id: string; publishedAt: Date }): number {
  return b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * The newest `take` visible updates (not hidden) of these causes after `cursor`, newest first.
 * Which causes are visible at all is the caller's choice (they resolve subscriptions or members).
 */
export async function newestUpdates(topicIds: string[], take: number, cursor: TimelineCursor | null = null): Promise<UpdateRow[]> {
  if (topicIds.length === 0 || take <= 0) return [];
  const window = topicIds.length <= SQLITE_CHUNK ? await recent(topicIds, take, cursor) : [];
  const rows = window.length >= take ? window : isPostgres ? await perCausePostgres(topicIds, take, cursor) : await perCauseSqlite(topicIds, take, cursor);
  return rows.map(toUpdate).sort(compareNewestFirst).slice(0, take);
}

/** What a feed's validators need of its entries: which, in which order, and their last correction. */
export type UpdateKey = Pick<UpdateRow, "id" | "publishedAt" | "correctedAt">;

export async function newestUpdateKeys(topicIds: string[], take: number, cursor: TimelineCursor | null = null): Promise<UpdateKey[]> {
  return (await newestUpdates(topicIds, take, cursor)).map(({ id, publishedAt, correctedAt }) => ({ id, publishedAt, correctedAt }));
}
