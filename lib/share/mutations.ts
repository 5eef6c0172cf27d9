import "server-only";
import type { CurrentUser } from "@/lib/auth";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { consumeRate, withRate } from "@/lib/rate-limit/limiter";
import { dayKey, refCodeFromLabel } from "./rules";
import type { CreateShareRefInput } from "./schema";

type Actor = Pick<CurrentUser, "id">;


/** A new ref link for one place where the owner will share their cause. */
export async function createShareRef(actor: Actor, input: CreateShareRefInput, client?: string | null) {
  const topic = await db.topic.findFirst({ where: { id: input.topicId, ownerId: actor.id } });
  if (!topic) throw new DomainError("notFound");
  // A few places at a time (lib/rate-limit): share links are for threads, not for a link farm.
  return withRate("shareRef", { account: actor.id, client }, async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return await db.shareRef.create({ data: { topicId: topic.id, label: input.label, code: refCodeFromLabel(input.label) } });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new Error("could not find a free ref code");
  });
}

/** Archived refs stop counting; their links keep working as plain links. */
export async function archiveShareRef(actor: Actor, refId: string) {
  const ref = await db.shareRef.findFirst({ where: { id: refId, topic: { ownerId: actor.id } } });
  if (!ref) throw new DomainError("notFound");
  if (ref.archivedAt) return ref;
  return db.shareRef.update({ where: { id: ref.id }, data: { archivedAt: new Date() } });
}

/** The active ref with this code on this cause, or null (unknown refs fall back to the plain page). */
export async function findActiveRef(client: Tx | typeof db, topicId: string, code: string | undefined) {
  if (!code) return null;
  const ref = await client.shareRef.findUnique({ where: { code } });
  return ref && ref.topicId === topicId && !ref.archivedAt ? ref : null;
}

async function bump(client: Tx | typeof db, refId: string, field: "visits" | "follows", now: Date) {
  const key = { refId_day: { refId, day: dayKey(now) } };
  try {
    await client.shareRefDay.upsert({ where: key, create: { refId, day: dayKey(now), [field]: 1 }, update: { [field]: { increment: 1 } } });
  } catch (error) {
    // Two first visits of the day raced to create the row: the row exists now, so add to it.
    if (!isUniqueViolation(error)) throw error;
    await client.shareRefDay.update({ where: key, data: { [field]: { increment: 1 } } });
  }
}

/**
 * Counts a visit that arrived through a ref: one counter per ref and day, nothing about the visitor.
 * The same browser opening the same ref again within half an hour (a reload) is not counted again;
 * what tells it apart is a keyed hash of ref, client network and User-Agent in the rate limiter's
 * window, gone with the window (people behind one network address with different browsers still
 * count apart). A client whose network is unknown is counted every time.
 */
export async function recordRefVisit(
  topicId: string,
  code: string | undefined,
  visitor: { client: string | null; agent?: string | null },
  now = new Date(),
) {
  const ref = await findActiveRef(db, topicId, code);
  if (!ref) return false;
  const { client, agent } = visitor;
  if (client && !(await consumeRate("refVisit", { target: `${ref.id} ${client} ${(agent ?? "").slice(0, 300)}` })).ok) return false;
  await bump(db, ref.id, "visits", now);
  return true;
}

/** Counts a follow that arrived through a ref, inside the follow's own transaction. */
export async function recordRefFollow(tx: Tx, refId: string, now = new Date()) {
  await bump(tx, refId, "follows", now);
}
