import { describe, expect, it } from "vitest";
import {
  DECLINE_COOLDOWN_DAYS,
  declinedUntil,
  INVITATION_TTL_DAYS,
  invitationExpiresAt,
  invitationState,
  inviteRefusal,
  MAX_OPEN_INVITATIONS,
  nextAdminTopicId,
  respondOutcome,
} from "./rules";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-11-26T12:00:00Z");
const daysFromNow = (days: number) => new Date(now.getTime() + days * DAY);

describe("the numbers the UI states", () => {
  it("are the agreed ones", () => {
    expect([INVITATION_TTL_DAYS, DECLINE_COOLDOWN_DAYS, MAX_OPEN_INVITATIONS]).toEqual([30, 30, 3]);
  });
});

describe("invitationState", () => {
  it("counts a pending invitation past its expiry as expired, to the millisecond", () => {
    const expiresAt = invitationExpiresAt(now);
    expect(expiresAt.getTime() - now.getTime()).toBe(30 * DAY);
    expect(invitationState({ status: "pending", expiresAt }, new Date(expiresAt.getTime() - 1))).toBe("pending");
    expect(invitationState({ status: "pending", expiresAt }, expiresAt)).toBe("expired");
  });
  it("keeps answered states, whatever the date", () => {
    for (const status of ["accepted", "declined", "withdrawn"] as const) {
      expect(invitationState({ status, expiresAt: daysFromNow(-100) }, now)).toBe(status);
    }
  });
});

describe("declinedUntil", () => {
  it("holds the group back for 30 days after a decline, then lets go", () => {
    const declined = { status: "declined" as const, expiresAt: daysFromNow(10), respondedAt: daysFromNow(-29) };
    expect(declinedUntil(declined, now)).toEqual(daysFromNow(1));
    expect(declinedUntil({ ...declined, respondedAt: daysFromNow(-30) }, now)).toBeNull();
    expect(declinedUntil({ status: "withdrawn", expiresAt: now, respondedAt: now }, now)).toBeNull();
  });
});

describe("inviteRefusal", () => {
  const base = {
    cause: { status: "published" as const, ownerId: "other" },
    actorId: "admin",
    isActiveMember: false,
    invitations: [],
    openInvitations: 0,
    now,
  };

  it("allows inviting someone else's published cause", () => {
    expect(inviteRefusal(base)).toBeNull();
  });

  it("refuses in a stable order, naming the first reason", () => {
    expect(inviteRefusal({ ...base, cause: null })).toBe("notFound");
    expect(inviteRefusal({ ...base, cause: { status: "draft", ownerId: "other" } })).toBe("causeNotInvitable");
    expect(inviteRefusal({ ...base, cause: { status: "archived", ownerId: "other" } })).toBe("causeNotInvitable");
    expect(inviteRefusal({ ...base, cause: { status: "published", ownerId: "admin" } })).toBe("ownCause");
    expect(inviteRefusal({ ...base, isActiveMember: true, openInvitations: 3 })).toBe("alreadyMember");
    expect(inviteRefusal({ ...base, openInvitations: MAX_OPEN_INVITATIONS })).toBe("tooManyOpenInvitations");
    expect(inviteRefusal({ ...base, openInvitations: MAX_OPEN_INVITATIONS - 1 })).toBeNull();
  });

  it("refuses a second open invitation but not one that lapsed", () => {
    const pending = { status: "pending" as const, expiresAt: daysFromNow(1) };
    expect(inviteRefusal({ ...base, invitations: [pending] })).toBe("alreadyInvited");
    expect(inviteRefusal({ ...base, invitations: [{ ...pending, expiresAt: daysFromNow(-1) }] })).toBeNull();
  });

  it("respects a decline for 30 days", () => {
    const declined = { status: "declined" as const, expiresAt: daysFromNow(5), respondedAt: daysFromNow(-3) };
    expect(inviteRefusal({ ...base, invitations: [declined] })).toBe("declinedRecently");
    expect(inviteRefusal({ ...base, invitations: [{ ...declined, respondedAt: daysFromNow(-31) }] })).toBeNull();
  });
});

describe("respondOutcome", () => {
  it("lets a pending invitation be answered either way", () => {
    expect(respondOutcome("pending", "accept")).toEqual({ kind: "proceed" });
    expect(respondOutcome("pending", "decline")).toEqual({ kind: "proceed" });
  });
  it("treats repeating an answer as no change, and refuses changing it", () => {
    expect(respondOutcome("accepted", "accept")).toEqual({ kind: "unchanged" });
    expect(respondOutcome("declined", "decline")).toEqual({ kind: "unchanged" });
    expect(respondOutcome("accepted", "decline")).toEqual({ kind: "refuse", key: "invitationAccepted" });
    expect(respondOutcome("declined", "accept")).toEqual({ kind: "refuse", key: "invitationDeclined" });
  });
  it("refuses expired and withdrawn invitations", () => {
    for (const response of ["accept", "decline"] as const) {
      expect(respondOutcome("expired", response)).toEqual({ kind: "refuse", key: "invitationExpired" });
      expect(respondOutcome("withdrawn", response)).toEqual({ kind: "refuse", key: "invitationWithdrawn" });
    }
  });
});

describe("nextAdminTopicId", () => {
  const members = [
    { topicId: "c", joinedAt: daysFromNow(-5) },
    { topicId: "a", joinedAt: daysFromNow(-10) },
    { topicId: "b", joinedAt: daysFromNow(-5) },
  ];
  it("hands over to the longest-standing remaining member, ties by id", () => {
    expect(nextAdminTopicId(members, "a")).toBe("b");
    expect(nextAdminTopicId(members, "c")).toBe("a");
  });
  it("returns null when nobody remains", () => {
    expect(nextAdminTopicId([{ topicId: "a", joinedAt: now }], "a")).toBeNull();
    expect(nextAdminTopicId([], "a")).toBeNull();
  });
});
