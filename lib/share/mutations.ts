import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db, isPostgres, isUniqueViolation, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { consumeRate, withRate } from "@/lib/rate-limit/limiter";
import { dayKey, INVITATION_DAYS, invitationCode, invitationState, MAX_OPEN_INVITATIONS, refCodeFromLabel } from "./rules";
import type { CreateInvitationInput, CreateShareRefInput } from "./schema";

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

/**
 * The active ref with this code on this cause, or null (unknown refs fall back to the plain page).
 * A personal invitation counts only while it is open (not withdrawn, not lapsed).
 */
export async function findActiveRef(client: Tx | typeof db, topicId: string, code: string | undefined, now = new Date()) {
  if (!code) return null;
  const ref = await client.shareRef.findUnique({ where: { code } });
  return ref && ref.topicId === topicId && invitationState(ref, now) === "open" ? ref : null;
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
  // A personal invitation remembers only that somebody followed through it, once.
  await tx.shareRef.updateMany({ where: { id: refId, personal: true, followedAt: null }, data: { followedAt: now } });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A personal invitation for one person: a link the publisher passes on themselves (this app never
 * sends it), open for 30 days, at most ten open per cause at a time. Written in one transaction
 * with the count (on PostgreSQL under the cause's row lock), so two quick clicks cannot make eleven.
 */
export async function createInvitation(actor: Actor, input: CreateInvitationInput, client?: string | null, now = new Date()) {
  return withRate("personalInvitation", { account: actor.id, client }, () =>
    db.$transaction(async (tx) => {
      if (isPostgres) await tx.$executeRaw`SELECT id FROM "Topic" WHERE id = ${input.topicId} FOR UPDATE`;
      const topic = await tx.topic.findFirst({ where: { id: input.topicId, ownerId: actor.id } });
      if (!topic) throw new DomainError("notFound");
      if (topic.status !== "published") throw new DomainError("causeNotPublished");
      const open = await tx.shareRef.count({ where: { topicId: topic.id, personal: true, archivedAt: null, expiresAt: { gt: now } } });
      if (open >= MAX_OPEN_INVITATIONS) throw new DomainError("tooManyInvitations", undefined, { max: MAX_OPEN_INVITATIONS });
      return tx.shareRef.create({
        data: {
          topicId: topic.id,
          personal: true,
          code: invitationCode(),
          label: input.name,
          note: input.note,
          expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS),
        },
      });
    }),
  );
}

/** Withdraws one of the actor's open invitations: its link then says it is no longer valid. */
export async function withdrawInvitation(actor: Actor, refId: string, now = new Date()) {
  const ref = await db.shareRef.findFirst({ where: { id: refId, personal: true, topic: { ownerId: actor.id } } });
  if (!ref) throw new DomainError("notFound");
  if (invitationState(ref, now) !== "open") return ref;
  return db.shareRef.update({ where: { id: ref.id }, data: { archivedAt: now } });
}

/** The invited person opened the link (a browser, not a link preview): remembered once, as yes/no. */
export async function recordInvitationOpened(refId: string, now = new Date()) {
  await db.shareRef.updateMany({ where: { id: refId, personal: true, openedAt: null }, data: { openedAt: now } });
}
