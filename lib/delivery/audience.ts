import "server-only";
import { db } from "@/lib/db";
import { COUNTING_MEMBERSHIP, membershipGraph, type MembershipGraph } from "@/lib/subscription/sources";

// Whom the worker's mails and announcements reach: the partner groups (for
// lib/subscription/sources.ts) and who counts as mailable.

/** Active memberships of active partner groups, loaded once per worker pass (there are few). */
export async function loadMembershipGraph(): Promise<MembershipGraph> {
  const rows = await db.groupMembership.findMany({
    where: COUNTING_MEMBERSHIP,
    select: { groupId: true, topicId: true },
  });
  return membershipGraph(rows);
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
