import { LIVE_STATUSES } from "@/lib/topic/rules";

// Which causes a subscription reaches: one answer for "Mein Feed" (lib/subscription/queries.ts),
// mail planning and sending (lib/delivery) and the fediverse pass. Pure: the caller loads the graph.

/** The memberships that carry news: active, of an active group, of a live cause (a Prisma filter). */
export const COUNTING_MEMBERSHIP = { status: "active" as const, group: { status: "active" as const }, topic: { status: { in: [...LIVE_STATUSES] } } };

/** Active memberships of active partner groups with live causes, both ways round. */
export type MembershipGraph = { membersOf: Map<string, string[]>; groupsOf: Map<string, string[]> };

export type MembershipRow = { groupId: string; topicId: string };

/** The graph of the given membership rows; the caller decides which rows count (active, live). */
export function membershipGraph(rows: Iterable<MembershipRow>): MembershipGraph {
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

/** Why a cause is reached: the subscription that brings it and, unless followed directly, the group it came through. */
export type Reach<S> =
  | { kind: "cause"; subscription: S }
  | { kind: "group"; subscription: S; groupId: string }
  | { kind: "partner"; subscription: S; groupId: string };

/**
 * Every cause one reader's subscriptions reach, each once with the reason that wins: a direct
 * follow over a group, a group over partner news; within a kind, the earlier subscription.
 */
export function reachedCauses<S extends SourceSubscription>(subscriptions: S[], graph: MembershipGraph): Map<string, Reach<S>> {
  const reached = new Map<string, Reach<S>>();
  for (const s of subscriptions) if (!s.groupId && s.topicId) reached.set(s.topicId, { kind: "cause", subscription: s });
  for (const s of subscriptions) {
    if (!s.groupId) continue;
    for (const t of sourceTopics(s, graph)) if (!reached.has(t)) reached.set(t, { kind: "group", subscription: s, groupId: s.groupId });
  }
  for (const s of subscriptions) {
    if (s.groupId || !s.topicId || !s.partnerNews) continue;
    const groups = graph.groupsOf.get(s.topicId) ?? [];
    for (const t of sourceTopics(s, graph)) {
      if (reached.has(t)) continue;
      // The first of the cause's groups that t belongs to: the one the feed names.
      const groupId = groups.find((g) => graph.membersOf.get(g)?.includes(t))!;
      reached.set(t, { kind: "partner", subscription: s, groupId });
    }
  }
  return reached;
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
