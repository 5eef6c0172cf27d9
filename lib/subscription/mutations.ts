import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { findActiveRef, recordRefFollow } from "@/lib/share/mutations";
import { CONSENT_TEXT_VERSION, EMAIL_CONSENT_TEXT_VERSION, verifyLeaveToken } from "./rules";
import type { FollowGroupInput, LeaveGroupFollowInput, SetPartnerNewsInput } from "@/lib/group/schema";
import type { FollowCauseInput } from "./schema";

type Actor = Pick<CurrentUser, "id">;

/** What a subscription follows: one cause or one partner group. */
export type SubscriptionTarget = { topicId: string } | { groupId: string };

const byActorAndTarget = (actorId: string, target: SubscriptionTarget) =>
  "topicId" in target
    ? { userId_topicId: { userId: actorId, topicId: target.topicId } }
    : { userId_groupId: { userId: actorId, groupId: target.groupId } };

/**
 * Starts — or restarts after leaving — the actor's own subscription to one cause or group, with
 * its consent event, in one transaction. `attribute` may name the share ref a new follow came
 * through. Subscribing twice changes nothing. There is no way to pass anybody else.
 */
export async function subscribe(
  actor: Actor,
  target: SubscriptionTarget,
  source: string,
  attribute?: (tx: Tx, now: Date) => Promise<string | null>,
) {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.subscription.findUnique({ where: byActorAndTarget(actor.id, target) });
      if (existing?.status === "active") return existing;
      const now = new Date();
      if (existing) {
        // Conditional on "not following": of two re-follows at once (a double click) the second
        // waits for the first's row lock, then finds it active, and writes no second event.
        const { count } = await tx.subscription.updateMany({
          where: { id: existing.id, status: { not: "active" } },
          data: { status: "active", since: now, leftAt: null },
        });
        if (count === 0) return tx.subscription.findUniqueOrThrow({ where: { id: existing.id } });
      }
      const subscription = existing
        ? await tx.subscription.findUniqueOrThrow({ where: { id: existing.id } })
        : await tx.subscription.create({ data: { userId: actor.id, ...target, since: now } });
      // Only a first follow is credited to a share link; coming back later is not the thread's doing.
      const ref = attribute && !existing ? await attribute(tx, now) : null;
      await tx.consentEvent.create({
        data: { subscriptionId: subscription.id, ...target, action: "subscribe", source, ref, consentVersion: CONSENT_TEXT_VERSION },
      });
      return subscription;
    });
  } catch (error) {
    // A double click raced us to create the same row: it exists now, and following is idempotent.
    if (!isUniqueViolation(error)) throw error;
    return db.subscription.findUniqueOrThrow({ where: byActorAndTarget(actor.id, target) });
  }
}

/** Ends the actor's subscription to a cause or group. Leaving what you do not follow changes nothing. */
export async function unsubscribe(actor: Actor, target: SubscriptionTarget, source: string) {
  const subscription = await db.subscription.findUnique({ where: byActorAndTarget(actor.id, target) });
  return subscription ? endSubscription(subscription.id, source) : null;
}

/** A cause that can be followed (on the web or by email): published, not a draft or archived. */
export async function findFollowableCause(topicId: string) {
  const topic = await db.topic.findUnique({ where: { id: topicId }, select: { id: true, title: true, status: true } });
  if (!topic || topic.status === "draft" || topic.status === "suspended" || topic.status === "removed") throw new DomainError("notFound");
  if (topic.status !== "published") throw new DomainError("causeArchived");
  return topic;
}

/** A partner group that can be followed: it exists and is not archived. */
export async function findFollowableGroup(groupId: string) {
  const group = await db.partnerGroup.findUnique({ where: { id: groupId }, select: { id: true, name: true, status: true } });
  if (!group || group.status === "suspended") throw new DomainError("notFound");
  if (group.status !== "active") throw new DomainError("groupArchived");
  return group;
}

/**
 * The acting reader follows a published cause. There is no parameter for anybody else: the
 * subscription and its consent event always belong to `actor`. Following twice changes nothing.
 */
export async function followCause(actor: Actor, input: FollowCauseInput) {
  const topic = await findFollowableCause(input.topicId);
  return subscribe(actor, { topicId: topic.id }, input.source, async (tx, now) => {
    const ref = await findActiveRef(tx, topic.id, input.ref);
    if (ref) await recordRefFollow(tx, ref.id, now);
    return ref?.code ?? null;
  });
}

async function endSubscription(subscriptionId: string, source: string) {
  return db.$transaction(async (tx) => {
    const subscription = await tx.subscription.findUnique({ where: { id: subscriptionId } });
    if (!subscription) return null;
    // Conditional update: of two leaves at once only one finds it active and writes the event.
    // A pending email request can be left too; its open confirmation link stops working.
    const { count } = await tx.subscription.updateMany({
      where: { id: subscription.id, status: { in: ["active", "pending"] } },
      data: { status: "left", leftAt: new Date(), confirmNonce: null },
    });
    const left = await tx.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    if (count === 0) return left;
    await tx.consentEvent.create({
      data: {
        subscriptionId: subscription.id,
        topicId: subscription.topicId,
        groupId: subscription.groupId,
        action: "leave",
        source,
        consentVersion: subscription.channel === "email" ? EMAIL_CONSENT_TEXT_VERSION : CONSENT_TEXT_VERSION,
      },
    });
    return left;
  });
}

/** The acting reader leaves a cause. Leaving something you do not follow changes nothing. */
export async function leaveCause(actor: Actor, input: { topicId: string; source: string }) {
  return unsubscribe(actor, { topicId: input.topicId }, input.source);
}

// Partner groups are followed like causes: the subscription and every consent event belong to `actor`.

/** The acting reader follows a partner group. Following twice changes nothing. */
export async function followGroup(actor: Actor, input: FollowGroupInput) {
  const group = await findFollowableGroup(input.groupId);
  return subscribe(actor, { groupId: group.id }, input.source);
}

/** The acting reader stops following a group. Leaving what you do not follow changes nothing. */
export async function leaveGroupFollow(actor: Actor, input: LeaveGroupFollowInput) {
  return unsubscribe(actor, { groupId: input.groupId }, input.source);
}

/**
 * Whether the reader also wants the news of a followed cause's partner groups (off by default).
 * A change is recorded in the consent ledger; setting the same value again records nothing.
 */
export async function setPartnerNews(actor: Actor, input: SetPartnerNewsInput) {
  const wanted = input.partnerNews === "on";
  return db.$transaction(async (tx) => {
    const subscription = await tx.subscription.findUnique({
      where: { userId_topicId: { userId: actor.id, topicId: input.topicId } },
    });
    if (!subscription || subscription.status !== "active") throw new DomainError("notFollowing");
    if (subscription.partnerNews === wanted) return subscription;
    const updated = await tx.subscription.update({ where: { id: subscription.id }, data: { partnerNews: wanted } });
    await tx.consentEvent.create({
      data: {
        subscriptionId: subscription.id,
        topicId: input.topicId,
        action: "preferences",
        detail: `partnerNews=${input.partnerNews}`,
        source: input.source,
        consentVersion: CONSENT_TEXT_VERSION,
      },
    });
    return updated;
  });
}

/** The acting reader ends one of their own subscriptions (a cause or a group). Idempotent. */
export async function leaveSubscription(actor: Actor, input: { subscriptionId: string; source: string }) {
  const subscription = await db.subscription.findFirst({ where: { id: input.subscriptionId, userId: actor.id } });
  if (!subscription) throw new DomainError("notFound");
  return endSubscription(subscription.id, input.source);
}

/**
 * Leaving by a signed link, without signing in. Returns the cause left, or null for a token that
 * is forged or names no subscription. Idempotent.
 */
export async function leaveByToken(token: string, source: string) {
  const subscriptionId = verifyLeaveToken(token, env.AUTH_SECRET);
  if (!subscriptionId) return null;
  const subscription = await endSubscription(subscriptionId, source);
  if (!subscription) return null;
  if (subscription.groupId) {
    const group = await db.partnerGroup.findUnique({ where: { id: subscription.groupId }, select: { name: true, slug: true } });
    return group ? { title: group.name, slug: group.slug, kind: "group" as const } : null;
  }
  const topic = await db.topic.findUnique({ where: { id: subscription.topicId! }, select: { title: true, slug: true } });
  return topic ? { ...topic, kind: "cause" as const } : null;
}

/** Marks one update as read for the acting reader. */
export async function markUpdateRead(actor: Actor, updateId: string) {
  await setReadMark(actor, updateId, false);
}

/** The reader wants to come back to it: unread again, whatever "mark all as read" said before. */
export async function markUpdateUnread(actor: Actor, updateId: string) {
  await setReadMark(actor, updateId, true);
}

async function setReadMark(actor: Actor, updateId: string, unread: boolean) {
  const update = await db.update.findUnique({ where: { id: updateId }, select: { id: true } });
  if (!update) throw new DomainError("notFound");
  // Opening an update marks it read on every view: a read, and a write only when the mark changes.
  const existing = await db.updateRead.findUnique({ where: { userId_updateId: { userId: actor.id, updateId } }, select: { unread: true } });
  if (existing && existing.unread === unread) return;
  await db.updateRead.upsert({
    where: { userId_updateId: { userId: actor.id, updateId } },
    create: { userId: actor.id, updateId, unread },
    update: { unread, readAt: new Date() },
  });
}

/** Everything published so far counts as read, in one write per followed cause. */
export async function markFeedRead(actor: Actor) {
  await db.$transaction([
    db.subscription.updateMany({ where: { userId: actor.id, status: "active" }, data: { readUpTo: new Date() } }),
    // "All" includes what the reader had marked unread again.
    db.updateRead.updateMany({ where: { userId: actor.id, unread: true }, data: { unread: false } }),
  ]);
}
