import "server-only";
import { exportJwk, generateCryptoKeyPair, importJwk } from "@fedify/fedify";
import { db, isUniqueViolation } from "@/lib/db";
import { CONSENT_TEXT_VERSION } from "@/lib/subscription/rules";
import type { FediverseActor } from "./queries";

// Writes the fediverse causes: an actor's key pair (made once), and a remote account following or
// leaving — one subscription row with channel = fediverse and its consent-ledger entries, exactly
// like a follow on the page.

const ALGORITHM = "RSASSA-PKCS1-v1_5";
const actorKey = (actor: Pick<FediverseActor, "kind" | "id">) => `${actor.kind === "cause" ? "c" : "g"}:${actor.id}`;

/**
 * The actor's RSA key pair, made and stored the first time anybody needs it. Remote servers keep
 * the public key, so it never changes; of two requests making one at once, the first one stored wins.
 */
export async function actorKeyPair(actor: Pick<FediverseActor, "kind" | "id">): Promise<CryptoKeyPair> {
  const where = { actor_algorithm: { actor: actorKey(actor), algorithm: ALGORITHM } };
  let row = await db.fediverseKey.findUnique({ where });
  if (!row) {
    const pair = await generateCryptoKeyPair(ALGORITHM);
    try {
      row = await db.fediverseKey.create({
        data: {
          actor: actorKey(actor),
          algorithm: ALGORITHM,
          publicJwk: JSON.stringify(await exportJwk(pair.publicKey)),
          privateJwk: JSON.stringify(await exportJwk(pair.privateKey)),
        },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      row = await db.fediverseKey.findUniqueOrThrow({ where });
    }
  }
  return { publicKey: await importJwk(JSON.parse(row.publicJwk), "public"), privateKey: await importJwk(JSON.parse(row.privateJwk), "private") };
}

export type RemoteFollower = { actor: string; inbox: string; sharedInbox: string | null };

const SOURCE = "fediverse";
const target = (actor: Pick<FediverseActor, "kind" | "id">) => (actor.kind === "cause" ? { topicId: actor.id } : { groupId: actor.id });
const byRemote = (actor: Pick<FediverseActor, "kind" | "id">, remoteActor: string) =>
  actor.kind === "cause"
    ? { remoteActor_topicId: { remoteActor, topicId: actor.id } }
    : { remoteActor_groupId: { remoteActor, groupId: actor.id } };

/**
 * A remote account's Follow: starts (or restarts) its subscription and writes the ledger entry
 * naming it. A second Follow while following only refreshes where it receives activities.
 */
export async function followFromFediverse(actor: FediverseActor, remote: RemoteFollower): Promise<void> {
  const inboxes = { remoteInbox: remote.inbox, remoteSharedInbox: remote.sharedInbox };
  try {
    await db.$transaction(async (tx) => {
      const existing = await tx.subscription.findUnique({ where: byRemote(actor, remote.actor) });
      const now = new Date();
      if (existing?.status === "active") {
        await tx.subscription.update({ where: { id: existing.id }, data: inboxes });
        return;
      }
      let subscriptionId: string;
      if (existing) {
        const { count } = await tx.subscription.updateMany({
          where: { id: existing.id, status: { not: "active" } },
          data: { status: "active", since: now, leftAt: null, ...inboxes },
        });
        if (count === 0) return;
        subscriptionId = existing.id;
      } else {
        const created = await tx.subscription.create({
          data: { ...target(actor), channel: "fediverse", remoteActor: remote.actor, ...inboxes, since: now },
        });
        subscriptionId = created.id;
      }
      await tx.consentEvent.create({
        data: { subscriptionId, ...target(actor), action: "subscribe", detail: `actor=${remote.actor}`, source: SOURCE, consentVersion: CONSENT_TEXT_VERSION },
      });
    });
  } catch (error) {
    // Two deliveries of the same Follow at once: the other one created the row.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** A remote account's Undo Follow: it leaves, and the ledger says so. Returns whether it was following. */
export async function leaveFromFediverse(actor: Pick<FediverseActor, "kind" | "id">, remoteActor: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const existing = await tx.subscription.findUnique({ where: byRemote(actor, remoteActor) });
    if (!existing) return false;
    const { count } = await tx.subscription.updateMany({ where: { id: existing.id, status: "active" }, data: { status: "left", leftAt: new Date() } });
    if (count === 0) return false;
    await tx.consentEvent.create({
      data: { subscriptionId: existing.id, ...target(actor), action: "leave", detail: `actor=${remoteActor}`, source: SOURCE, consentVersion: CONSENT_TEXT_VERSION },
    });
    return true;
  });
}

/**
 * Ends every fediverse follow matching `where` (an account that deleted itself, an inbox that is
 * gone for good), each with its ledger entry saying why. Returns how many ended.
 */
async function endFollows(where: { remoteActor?: string; OR?: object[] }, detail: string): Promise<number> {
  const subscriptions = await db.subscription.findMany({
    where: { channel: "fediverse", status: "active", ...where },
    select: { id: true, topicId: true, groupId: true },
  });
  let ended = 0;
  for (const s of subscriptions) {
    ended += await db.$transaction(async (tx) => {
      const { count } = await tx.subscription.updateMany({ where: { id: s.id, status: "active" }, data: { status: "left", leftAt: new Date() } });
      if (count) {
        await tx.consentEvent.create({
          data: { subscriptionId: s.id, topicId: s.topicId, groupId: s.groupId, action: "leave", detail, source: SOURCE, consentVersion: CONSENT_TEXT_VERSION },
        });
      }
      return count;
    });
  }
  return ended;
}

/** The remote account deleted itself: it follows nothing any more. */
export const endFollowsOfAccount = (remoteActor: string) => endFollows({ remoteActor }, `actor=${remoteActor}; account deleted`);

/** An inbox answered 404 or 410 for good: its followers are gone. */
export const endFollowsAtInbox = (inbox: string) =>
  endFollows({ OR: [{ remoteInbox: inbox }, { remoteSharedInbox: inbox }] }, `inbox=${inbox}; gone`);
