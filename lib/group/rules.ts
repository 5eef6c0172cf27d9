import { searchFold } from "@/lib/text";
import type { TopicStatusValue } from "@/lib/topic/rules";

// Pure rules of partner groups (essay rule 6): causes join forces only by an accepted invitation.
// The numbers are exported because the UI states them.

/** An unanswered invitation lapses after this many days. */
export const INVITATION_TTL_DAYS = 30;
/** After a cause declines, the same group may not invite it again for this many days. */
export const DECLINE_COOLDOWN_DAYS = 30;
/** Open (pending, unexpired) invitations a group may have at once: against nagging. */
export const MAX_OPEN_INVITATIONS = 3;
export const NOTE_MAX = 500;
export const GROUP_NAME_MIN = 3;
export const GROUP_NAME_MAX = 80;
export const CONCERN_MIN = 3;
export const CONCERN_MAX = 200;
export const GROUP_DESCRIPTION_MAX = 5_000;

const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

export type InvitationStatusValue = "pending" | "accepted" | "declined" | "withdrawn";
export type InvitationState = "pending" | "expired" | "accepted" | "declined" | "withdrawn";
type InvitationLike = { status: InvitationStatusValue; expiresAt: Date; respondedAt?: Date | null };

/** When an invitation made at `createdAt` lapses. */
export function invitationExpiresAt(createdAt: Date): Date {
  return addDays(createdAt, INVITATION_TTL_DAYS);
}

/** What an invitation amounts to at `now`: a pending one past its expiry counts as expired. */
export function invitationState(invitation: Pick<InvitationLike, "status" | "expiresAt">, now = new Date()): InvitationState {
  if (invitation.status === "pending" && invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return invitation.status;
}

/** Until when the group may not invite a cause that declined, or null when nothing holds it back. */
export function declinedUntil(invitation: InvitationLike, now = new Date()): Date | null {
  if (invitation.status !== "declined" || !invitation.respondedAt) return null;
  const until = addDays(invitation.respondedAt, DECLINE_COOLDOWN_DAYS);
  return until.getTime() > now.getTime() ? until : null;
}

export type InviteRefusal =
  | "notFound"
  | "causeNotInvitable"
  | "ownCause"
  | "alreadyMember"
  | "alreadyInvited"
  | "declinedRecently"
  | "tooManyOpenInvitations";

/**
 * Why a group may not invite a cause now, or null when it may. `invitations` are the earlier
 * invitations of this cause by this group; `openInvitations` counts the group's pending ones.
 */
export function inviteRefusal(input: {
  cause: { status: TopicStatusValue; ownerId: string | null } | null;
  actorId: string;
  isActiveMember: boolean;
  invitations: InvitationLike[];
  openInvitations: number;
  now: Date;
}): InviteRefusal | null {
  const { cause, now } = input;
  if (!cause) return "notFound";
  if (cause.status !== "published") return "causeNotInvitable";
  // Inviting yourself would let one person accept on both sides: no acceptance by somebody else.
  if (cause.ownerId === input.actorId) return "ownCause";
  if (input.isActiveMember) return "alreadyMember";
  if (input.invitations.some((i) => invitationState(i, now) === "pending")) return "alreadyInvited";
  if (input.invitations.some((i) => declinedUntil(i, now) !== null)) return "declinedRecently";
  if (input.openInvitations >= MAX_OPEN_INVITATIONS) return "tooManyOpenInvitations";
  return null;
}

export type InvitationResponse = "accept" | "decline";
export type RespondOutcome =
  | { kind: "proceed" }
  | { kind: "unchanged" }
  | { kind: "refuse"; key: "invitationExpired" | "invitationDeclined" | "invitationWithdrawn" | "invitationAccepted" };

/** What answering an invitation in `state` does: go ahead, change nothing (a repeat), or refuse. */
export function respondOutcome(state: InvitationState, response: InvitationResponse): RespondOutcome {
  switch (state) {
    case "pending":
      return { kind: "proceed" };
    case "accepted":
      return response === "accept" ? { kind: "unchanged" } : { kind: "refuse", key: "invitationAccepted" };
    case "declined":
      return response === "decline" ? { kind: "unchanged" } : { kind: "refuse", key: "invitationDeclined" };
    case "withdrawn":
      return { kind: "refuse", key: "invitationWithdrawn" };
    case "expired":
      return { kind: "refuse", key: "invitationExpired" };
  }
}

/**
 * Who administers the group after `leavingTopicId` is gone: the longest-standing remaining
 * member (earliest join; the id breaks ties so the choice is stable), or null when none is left.
 */
export function nextAdminTopicId(
  members: readonly { topicId: string; joinedAt: Date }[],
  leavingTopicId: string,
): string | null {
  const remaining = members
    .filter((m) => m.topicId !== leavingTopicId)
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.topicId.localeCompare(b.topicId));
  return remaining[0]?.topicId ?? null;
}

/** What searches look through for a group: its name and shared concern, folded (lib/text.ts). */
export function groupSearchText(group: { name: string; concern: string }): string {
  return searchFold(`${group.name}\n${group.concern}`);
}
