import "server-only";
import { db } from "@/lib/db";
import { LIVE_STATUSES } from "@/lib/topic/rules";

// Which causes a subscription's mail draws from: the same idea as "Mein Feed"
// (lib/subscription/queries.ts resolveFeedSources), seen from one subscription and from one update.

/** Active memberships of active partner groups, loaded once per worker pass (there are few). */
export type MembershipGraph = { membersOf: Map<string, string[]>; groupsOf: Map<string, string[]> };

export async function loadMembershipGraph(): Promise<MembershipGraph> {
  const rows = await db.groupMembership.findMany({
    where: { status: "active", group: { status: "active" }, topic: { status: { in: [...LIVE_STATUSES] } } },
    select: { groupId: true, topicId: true },
  });
  const membersOf = new Map<string, string[]>();
  const groupsOf = new Map<string, string[]>();
  for (const { groupId, topicId } of rows) {
    membersOf.set(groupId, [...(membersOf.get(groupId) ?? []), topicId]);
    groupsOf.set(topicId, [...(groupsOf.get(topicId) ?? []), groupId]);
  }
  return { membersOf, groupsOf };
}

export type SourceSubscription = { topicId: string | null; groupId: string | null; partnerNews: boolean };

/**
 * The causes whose updates a subscription receives: a group's active member causes; a cause, plus
 * (with partner news) the other members of its active partner groups.
 */
export function sourceTopics(sub: SourceSubscription, graph: MembershipGraph): string[] {
  if (sub.groupId) return graph.membersOf.get(sub.groupId) ?? [];
  if (!sub.topicId) return [];
  if (!sub.partnerNews) return [sub.topicId];
  const topics = new Set([sub.topicId]);
  for (const groupId of graph.groupsOf.get(sub.topicId) ?? []) for (const t of graph.membersOf.get(groupId) ?? []) topics.add(t);
  return [...topics];
}

/**
 * The reverse: which subscriptions can receive updates of these causes. Cause subscriptions on the
 * cause itself; group subscriptions of its groups; partner-news subscriptions on its partners.
 * Returned as a Prisma filter so planning stays one indexed query per page.
 */
export function subscriptionsReaching(topicIds: Iterable<string>, graph: MembershipGraph) {
  const direct = new Set(topicIds);
  const groups = new Set<string>();
  const partners = new Set<string>();
  for (const topicId of direct) {
    for (const groupId of graph.groupsOf.get(topicId) ?? []) {
      groups.add(groupId);
      for (const member of graph.membersOf.get(groupId) ?? []) if (member !== topicId) partners.add(member);
    }
  }
  return {
    OR: [
      { topicId: { in: [...direct] } },
      ...(groups.size ? [{ groupId: { in: [...groups] } }] : []),
      ...(partners.size ? [{ partnerNews: true, topicId: { in: [...partners] } }] : []),
    ],
  };
}

/**
 * The subscriptions that receive mail at `now` (the contract with the subscribe/confirm flows):
 * confirmed email, still following, address not bounced, not paused.
 */
export function mailableAt(now: Date) {
  return {
    channel: "email" as const,
    status: "active" as const,
    emailSince: { not: null },
    bouncedAt: null,
    OR: [{ pausedUntil: null }, { pausedUntil: { lte: now } }],
  };
}

/** The same contract for one loaded subscription (re-checked at send time). */
export function isMailable(
  sub: { channel: string; status: string; emailSince: Date | null; bouncedAt: Date | null; pausedUntil: Date | null },
  now: Date,
): boolean {
  return (
    sub.channel === "email" &&
    sub.status === "active" &&
    sub.emailSince !== null &&
    sub.bouncedAt === null &&
    (sub.pausedUntil === null || sub.pausedUntil <= now)
  );
}
