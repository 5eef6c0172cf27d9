import "server-only";
import type { CurrentUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { findFollowableGroup, subscribe, unsubscribe } from "@/lib/subscription/mutations";
import { CONSENT_TEXT_VERSION } from "@/lib/subscription/rules";
import type { FollowGroupInput, LeaveGroupFollowInput, SetPartnerNewsInput } from "./schema";

// A reader's own choices about partner groups. As with causes, there is no parameter for anybody
// else: the subscription and every consent event belong to `actor`.

type Actor = Pick<CurrentUser, "id">;

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
