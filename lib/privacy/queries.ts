import "server-only";
import { db } from "@/lib/db";

/** The address of an email-only follow (the settings link's subscription), or null. */
export async function addressOfSubscription(subscriptionId: string): Promise<string | null> {
  const subscription = await db.subscription.findUnique({ where: { id: subscriptionId }, select: { email: true, userId: true } });
  return subscription?.email && !subscription.userId ? subscription.email : null;
}

/** What the "My data" page sums up before the download: counts of what is held. */
export async function getDataSummary(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      emailVerified: true,
      createdAt: true,
      _count: { select: { topics: true, subscriptions: true, reportsFiled: true, reads: true, invitationsSent: true } },
      feedToken: { select: { createdAt: true } },
    },
  });
  if (!user) return null;
  const [updates, ledger, addressFollows] = await Promise.all([
    db.update.count({ where: { topic: { ownerId: userId } } }),
    db.consentEvent.count({ where: { subscription: { userId } } }),
    user.email && user.emailVerified ? db.subscription.count({ where: { email: user.email.toLowerCase(), userId: null } }) : 0,
  ]);
  return {
    email: user.email,
    createdAt: user.createdAt,
    causes: user._count.topics,
    updates,
    follows: user._count.subscriptions + addressFollows,
    ledgerEntries: ledger,
    reports: user._count.reportsFiled,
    readMarks: user._count.reads,
    invitationsSent: user._count.invitationsSent,
    privateFeed: Boolean(user.feedToken),
  };
}
