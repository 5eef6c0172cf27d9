import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { followCause, followGroup } from "./mutations";

type Actor = Pick<CurrentUser, "id">;

// How long after leaving Mein Feed offers to take it back.
export const UNDO_LEAVE_MINUTES = 10;
// The ledger says it was an undo: a new "subscribe" event from this source.
export const UNDO_SOURCE = "/feed?undo";

/** What a reader just left (their own, left within the undo window), with its name, or null. */
export async function recentlyLeft(actor: Actor, subscriptionId: string, now = new Date()) {
  const subscription = await db.subscription.findFirst({
    where: { id: subscriptionId, userId: actor.id, status: "left", leftAt: { gte: new Date(now.getTime() - UNDO_LEAVE_MINUTES * 60_000) } },
    select: { id: true, topicId: true, groupId: true, topic: { select: { title: true } }, group: { select: { name: true } } },
  });
  if (!subscription) return null;
  return { id: subscription.id, topicId: subscription.topicId, groupId: subscription.groupId, title: subscription.topic?.title ?? subscription.group?.name ?? "" };
}

/** Follows again what the reader just left from Mein Feed: a re-follow, recorded as such. */
export async function undoLeave(actor: Actor, subscriptionId: string) {
  const left = await recentlyLeft(actor, subscriptionId);
  if (!left) throw new DomainError("undoExpired");
  if (left.topicId) await followCause(actor, { topicId: left.topicId, source: UNDO_SOURCE });
  else if (left.groupId) await followGroup(actor, { groupId: left.groupId, source: UNDO_SOURCE });
  return left;
}

/** The name of what the reader follows again after an undo (their own, active), or null. */
export async function followedAgain(actor: Actor, subscriptionId: string) {
  const subscription = await db.subscription.findFirst({
    where: { id: subscriptionId, userId: actor.id, status: "active" },
    select: { topic: { select: { title: true } }, group: { select: { name: true } } },
  });
  return subscription ? (subscription.topic?.title ?? subscription.group?.name ?? null) : null;
}
