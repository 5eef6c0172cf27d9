import "server-only";
import { db } from "@/lib/db";
import { leaveGroup } from "@/lib/group/mutations";
import { forgetRateSubject } from "@/lib/rate-limit/limiter";

/**
 * Deletes an account and everything it holds (DSGVO Art. 17). Its causes and updates are deleted;
 * a cause anybody follows or followed keeps only its slug and title as a "removed by its publisher"
 * tombstone, so those followers learn what ended and their consent records keep their retention
 * (lib/privacy/retention.ts removes it later). Group admin passes to the longest-standing other
 * member. Reports the person filed stay, without them. Afterwards the same address can sign up as
 * somebody new and finds nothing of the old account.
 */
export async function deleteAccount(userId: string, now = new Date()) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, emailVerified: true } });
  if (!user) return { deleted: false };
  const memberships = await db.groupMembership.findMany({ where: { status: "active", topic: { ownerId: userId } }, select: { groupId: true, topicId: true } });
  // Leave every partner group first, with the usual admin hand-over (one transaction each). A group
  // nobody is left in goes entirely: its name and texts are this person's words.
  for (const { groupId, topicId } of memberships) await leaveGroup({ id: userId }, { groupId, topicId });
  await db.partnerGroup.deleteMany({ where: { id: { in: memberships.map((m) => m.groupId) }, memberships: { none: { status: "active" } } } });
  // Only a proven address is this person's: an unverified one (from an OAuth provider) may be somebody else's.
  const address = user.emailVerified ? user.email?.toLowerCase() : undefined;
  await db.$transaction(async (tx) => {
    // Read inside the transaction: a cause created a moment ago goes too, never ownerless and live.
    const causes = await tx.topic.findMany({ where: { ownerId: userId }, select: { id: true, status: true } });
    for (const cause of causes) {
      const followed = await tx.subscription.count({ where: { topicId: cause.id } });
      if (followed === 0 || cause.status === "draft") {
        await tx.topic.delete({ where: { id: cause.id } }); // updates, refs, invitations go with it
        continue;
      }
      await tx.update.deleteMany({ where: { topicId: cause.id } });
      await tx.shareRef.deleteMany({ where: { topicId: cause.id } });
      await tx.groupInvitation.deleteMany({ where: { topicId: cause.id } });
      await tx.topic.update({
        where: { id: cause.id },
        data: {
          status: "removed",
          ownerId: null,
          summary: "",
          body: "",
          searchText: "",
          tags: { set: [] },
          removedAt: now,
          suspendedAt: null,
          suspendedFrom: null,
          suspendedReason: null,
          appealNote: null,
          appealedAt: null,
        },
      });
    }
    // Follows of the same (proven) address without an account are the same person's.
    if (address) {
      await tx.subscription.deleteMany({ where: { email: address, userId: null } });
      await tx.verificationToken.deleteMany({ where: { identifier: address } });
      await tx.outboxMail.deleteMany({ where: { to: address } });
    }
    // Subscriptions (and their ledgers and deliveries), sessions, sign-in accounts, read marks, the
    // private feed token and sent invitations cascade with the user; filed reports lose the link.
    await tx.user.delete({ where: { id: user.id } });
  });
  // The limits counted for the old account and its sign-in address: whoever signs up anew starts anew.
  await forgetRateSubject("account", user.id);
  if (user.email) await forgetRateSubject("address", user.email);
  return { deleted: true };
}

/**
 * "Forget this address": every follow of an email address without an account goes, with its
 * consent ledger and mail bookkeeping. Nothing of it stays but the aggregate counts.
 */
export async function forgetAddress(address: string) {
  const email = address.toLowerCase();
  return db.$transaction(async (tx) => {
    const { count } = await tx.subscription.deleteMany({ where: { email, userId: null } });
    await tx.outboxMail.deleteMany({ where: { to: email } });
    return { subscriptions: count };
  }).then(async (result) => {
    await forgetRateSubject("address", email);
    return result;
  });
}
