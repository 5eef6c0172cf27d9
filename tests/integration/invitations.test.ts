/**
 * Personal invitations on SQLite and PostgreSQL: at most ten open per cause (also when twelve are
 * made at once), only by the cause's owner, withdrawable, lapsing after 30 days; the invited page
 * finds only real, open ones by an unguessable code; following through one is remembered as
 * "followed" and nothing else; share-link lists never show them.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { createInvitation, createShareRef, recordInvitationOpened, withdrawInvitation } from "@/lib/share/mutations";
import { getInvitation, listInvitations, listShareRefs } from "@/lib/share/queries";
import { isInvitationCode, MAX_OPEN_INVITATIONS } from "@/lib/share/rules";
import { runRetention } from "@/lib/privacy/retention";
import { followCause } from "@/lib/subscription/mutations";
import { createPublishedCause, createUser } from "../support/factories";
import { endRateWindows } from "../support/rate-limit";

const invite = (owner: { id: string }, topicId: string, name = "Anna") => createInvitation(owner, { topicId, name, note: "Du hast neulich vom Fluss erzählt." });
const errorKey = (promise: Promise<unknown>) => promise.then(() => null, (error) => (error instanceof DomainError ? error.key : String(error)));

describe("personal invitations", () => {
  it("at most ten open per cause, also when twelve are asked for at once; a withdrawn one frees a place", async () => {
    await endRateWindows();
    const owner = await createUser("inviter");
    const cause = await createPublishedCause(owner.id);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => errorKey(invite(owner, cause.id, `Person ${i}`))));
    expect(results.filter((r) => r === null)).toHaveLength(MAX_OPEN_INVITATIONS);
    expect(results.filter((r) => r === "tooManyInvitations")).toHaveLength(2);
    const [first] = await listInvitations(cause.id, owner.id);
    await withdrawInvitation(owner, first.id);
    expect(await errorKey(invite(owner, cause.id, "Noch jemand"))).toBeNull();
    expect(await errorKey(invite(owner, cause.id, "Zu viele"))).toBe("tooManyInvitations");
  });

  it("only the owner of a published cause invites and withdraws", async () => {
    const owner = await createUser("inviter");
    const other = await createUser("other");
    const cause = await createPublishedCause(owner.id);
    expect(await errorKey(invite(other, cause.id))).toBe("notFound");
    const invitation = await invite(owner, cause.id);
    expect(await errorKey(withdrawInvitation(other, invitation.id))).toBe("notFound");
    // A share link is no invitation: withdrawInvitation does not touch it.
    const ref = await createShareRef(owner, { topicId: cause.id, label: "Mastodon" });
    expect(await errorKey(withdrawInvitation(owner, ref.id))).toBe("notFound");
    await db.topic.update({ where: { id: cause.id }, data: { status: "draft" } });
    expect(await errorKey(invite(owner, cause.id))).toBe("causeNotPublished");
  });

  it("opens by an unguessable code only while open; withdrawn and lapsed ones say so", async () => {
    const owner = await createUser("inviter");
    const cause = await createPublishedCause(owner.id);
    const invitation = await invite(owner, cause.id);
    expect(isInvitationCode(invitation.code)).toBe(true);
    expect(invitation.code).toMatch(/^i-[a-z2-9]{26}$/);
    expect(await getInvitation(invitation.code)).toMatchObject({ state: "open", label: "Anna", note: "Du hast neulich vom Fluss erzählt." });
    for (const bad of ["i-short", invitation.code.toUpperCase(), `${invitation.code}x`, "../etc/passwd", "i-%", ""]) expect(await getInvitation(bad), bad).toBeNull();
    const ref = await createShareRef(owner, { topicId: cause.id, label: "Mastodon" });
    expect(await getInvitation(ref.code)).toBeNull();

    expect((await getInvitation(invitation.code, new Date(Date.now() + 31 * 86_400_000)))?.state).toBe("expired");
    await withdrawInvitation(owner, invitation.id);
    expect((await getInvitation(invitation.code))?.state).toBe("withdrawn");
  });

  it("tells the publisher only: opened, followed — and share-link lists never show invitations", async () => {
    const owner = await createUser("inviter");
    const reader = await createUser("invited");
    const cause = await createPublishedCause(owner.id);
    const invitation = await invite(owner, cause.id);
    expect(await listInvitations(cause.id, owner.id)).toMatchObject([{ opened: false, followed: false, state: "open" }]);
    await recordInvitationOpened(invitation.id);
    await recordInvitationOpened(invitation.id);
    await followCause(reader, { topicId: cause.id, source: "/i", ref: invitation.code });
    const [seen] = await listInvitations(cause.id, owner.id);
    expect(seen).toMatchObject({ opened: true, followed: true });
    expect(await listShareRefs(cause.id, owner.id)).toEqual([]);
    const event = await db.consentEvent.findFirst({ where: { topicId: cause.id, action: "subscribe" } });
    expect(event).toMatchObject({ source: "/i", ref: invitation.code });
  });

  it("a follow through a withdrawn or lapsed invitation is not credited to it", async () => {
    const owner = await createUser("inviter");
    const cause = await createPublishedCause(owner.id);
    const lapsed = await invite(owner, cause.id, "Lapsed");
    await db.shareRef.update({ where: { id: lapsed.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await followCause(await createUser("late"), { topicId: cause.id, source: "/i", ref: lapsed.code });
    expect((await db.shareRef.findUniqueOrThrow({ where: { id: lapsed.id } })).followedAt).toBeNull();
  });

  it("are deleted a month after they lapsed or were withdrawn; open ones stay", async () => {
    await endRateWindows();
    const owner = await createUser("inviter");
    const cause = await createPublishedCause(owner.id);
    const [open, lapsed, withdrawn, recent] = [await invite(owner, cause.id, "Open"), await invite(owner, cause.id, "Lapsed"), await invite(owner, cause.id, "Withdrawn"), await invite(owner, cause.id, "Recent")];
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    await db.shareRef.update({ where: { id: lapsed.id }, data: { expiresAt: longAgo } });
    await db.shareRef.update({ where: { id: withdrawn.id }, data: { archivedAt: longAgo } });
    await db.shareRef.update({ where: { id: recent.id }, data: { archivedAt: new Date(Date.now() - 86_400_000) } });
    const removed = await runRetention();
    expect(removed.endedInvitations).toBeGreaterThanOrEqual(2);
    const left = await db.shareRef.findMany({ where: { topicId: cause.id }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([open.id, recent.id].sort());
  });
});
