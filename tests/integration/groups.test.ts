/**
 * Partner groups (essay rule 6): causes that share a concern join forces, but nobody is ever in a
 * group they did not accept. These tests try to break that: inviting alone adds nobody, nobody
 * else can accept, lapsed/declined/withdrawn invitations stay dead, the decline cooldown and the
 * open-invitation cap hold, leaving is one step and takes the cause's updates out of the stream,
 * following a group only ever subscribes the actor, and the joint feed parses and answers 304.
 */
import fs from "node:fs";
import path from "node:path";
import Parser from "rss-parser";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as groupFeedRoute from "@/app/api/feeds/g/[slug]/[format]/route";
import { db } from "@/lib/db";
import { getGroupFeedEntries } from "@/lib/feed/queries";
import { createGroup, handOverGroup, inviteCause, leaveGroup, removeMember, respondToInvitation, withdrawInvitation } from "@/lib/group/mutations";
import {
  countOpenInvitationsForOwner,
  getGroupBySlug,
  getGroupForManage,
  getGroupStream,
  listInvitationsForOwner,
  listMyGroups,
  searchInvitableCauses,
} from "@/lib/group/queries";
import { MAX_OPEN_INVITATIONS, NOTE_MAX } from "@/lib/group/rules";
import {
  createGroupSchema,
  followGroupSchema,
  inviteCauseSchema,
  setPartnerNewsSchema,
  toggleGroupFollowSchema,
} from "@/lib/group/schema";
import { followCause, followGroup, leaveGroupFollow, setPartnerNews } from "@/lib/subscription/mutations";
import { isValidSlug } from "@/lib/topic/rules";
import { CONSENT_TEXT_VERSION } from "@/lib/subscription/rules";
import { createPublishedCause, createUser, stamp } from "../support/factories";
import { causeSearchText } from "@/lib/topic/rules";

// A spy around the expensive feed query proves that a 304 never loads the entries.
vi.mock("@/lib/feed/queries", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/feed/queries")>();
  return { ...actual, getGroupFeedEntries: vi.fn(actual.getGroupFeedEntries) };
});
beforeEach(() => vi.clearAllMocks());

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
type Actor = { id: string };

/** An owner with a published cause. */
async function causeOwner(label = "owner") {
  const user = await createUser(label);
  const cause = await createPublishedCause(user.id, { title: `${label} cause ${stamp()}` });
  return { user, cause };
}

/** A group founded by a fresh owner's cause. */
async function foundedGroup(extra: Record<string, string> = {}) {
  const admin = await causeOwner("admin");
  const group = await createGroup(
    admin.user,
    createGroupSchema.parse({ topicId: admin.cause.id, name: `Spree ${stamp()}`, concern: "Clean rivers", language: "de", ...extra }),
  );
  return { admin, group };
}

const invite = (actor: Actor, groupId: string, topicId: string, note = "Would you join us?") =>
  inviteCause(actor, inviteCauseSchema.parse({ groupId, topicId, note }));
const accept = (actor: Actor, invitationId: string) => respondToInvitation(actor, { invitationId, response: "accept" });
const decline = (actor: Actor, invitationId: string) => respondToInvitation(actor, { invitationId, response: "decline" });
const activeMembers = (groupId: string) => db.groupMembership.count({ where: { groupId, status: "active" } });

/** A group with the admin's cause and one more member that joined by accepting. */
async function groupWithMember() {
  const { admin, group } = await foundedGroup();
  const member = await causeOwner("member");
  const invitation = await invite(admin.user, group.id, member.cause.id);
  await accept(member.user, invitation.id);
  return { admin, group, member };
}

describe("founding a group", () => {
  it("makes the founding cause its first member and admin, and nobody else", async () => {
    const tag = `fluss${stamp()}`;
    const { admin, group } = await foundedGroup({ name: `Saubere Spree ${stamp()}`, tags: `${tag}, Wasser` });
    expect(group.slug).toMatch(/^saubere-spree-[a-z0-9]+$/);
    expect(group.adminTopicId).toBe(admin.cause.id);
    const memberships = await db.groupMembership.findMany({ where: { groupId: group.id } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ topicId: admin.cause.id, status: "active", invitationId: null });
    const page = await getGroupBySlug(group.slug, admin.user.id);
    expect(page?.tags.map((t) => t.slug).sort()).toEqual([tag, "wasser"].sort());
    expect(page).toMatchObject({ isAdmin: true, viewerMemberTopicIds: [admin.cause.id], followerCount: 0 });
  });

  it("only with one's own published cause", async () => {
    const stranger = await causeOwner("stranger");
    const other = await causeOwner("other");
    const draft = await db.topic.create({ data: { slug: `draft-${stamp()}`, title: "Draft", ownerId: stranger.user.id } });
    const before = await db.partnerGroup.count();
    const input = (topicId: string) => createGroupSchema.parse({ topicId, name: `G ${stamp()}`, concern: "Shared", language: "en" });
    await expect(createGroup(stranger.user, input(other.cause.id))).rejects.toMatchObject({ key: "notFound" });
    await expect(createGroup(stranger.user, input(draft.id))).rejects.toMatchObject({ key: "foundingCauseNotPublished" });
    expect(await db.partnerGroup.count()).toBe(before);
  });

  it("refuses duplicate names (also differently written) and taken slugs as field errors", async () => {
    const { group } = await foundedGroup({ name: `Grüne Höfe ${stamp()}` });
    const { user, cause } = await causeOwner();
    const input = (extra: Record<string, string>) =>
      createGroupSchema.parse({ topicId: cause.id, concern: "Yards", language: "de", name: `Other ${stamp()}`, ...extra });
    const before = await db.partnerGroup.count();

    await expect(createGroup(user, input({ name: group.name }))).rejects.toMatchObject({ key: "groupNameTaken", field: "name" });
    const shouted = `${group.name.toUpperCase()}!`;
    await expect(createGroup(user, input({ name: shouted }))).rejects.toMatchObject({ key: "groupNameTaken", field: "name" });
    // A name that reads like an existing group's chosen address is a duplicate too.
    const chosen = await foundedGroup({ slug: `chosen-${stamp()}` });
    await expect(createGroup(user, input({ name: chosen.group.slug.replace(/-/g, " ") }))).rejects.toMatchObject({ key: "groupNameTaken" });
    await expect(createGroup(user, input({ slug: group.slug }))).rejects.toMatchObject({ key: "slugTaken", field: "slug" });
    expect(await db.partnerGroup.count()).toBe(before + 1);
  });

  it("refuses bad input by key and keeps script tags as plain text", async () => {
    const firstMessage = (value: Record<string, unknown>) => {
      const result = createGroupSchema.safeParse({ topicId: "x1", name: "Name", concern: "Concern", language: "de", ...value });
      return result.success ? null : result.error.issues[0].message;
    };
    expect(firstMessage({ name: "  \n a " })).toBe("groupNameTooShort");
    expect(firstMessage({ name: "n".repeat(81) })).toBe("groupNameTooLong");
    expect(firstMessage({ concern: "" })).toBe("concernTooShort");
    expect(firstMessage({ concern: "c".repeat(201) })).toBe("concernTooLong");
    expect(firstMessage({ description: "d".repeat(5001) })).toBe("groupDescriptionTooLong");
    expect(firstMessage({ slug: "Not A Slug" })).toBe("slugInvalid");
    expect(firstMessage({ language: "fr" })).toBe("languageInvalid");
    expect(firstMessage({ userId: "someone" })).not.toBeNull();

    const name = `<script>alert(1)</script> ${stamp()}`;
    const { group } = await foundedGroup({ name, concern: "<b>bold</b>\u0000 concern" });
    expect(group.name).toBe(name);
    expect(group.concern).toBe("<b>bold</b> concern");
    expect(isValidSlug(group.slug)).toBe(true);
  });
});

describe("nobody is in a group they did not accept", () => {
  it("inviting adds nobody; only the invited cause's owner can accept", async () => {
    const { admin, group } = await foundedGroup();
    const invited = await causeOwner("invited");
    const [stranger, otherMember] = [await causeOwner("stranger"), await causeOwner("other")];
    const invitation = await invite(admin.user, group.id, invited.cause.id);

    expect(invitation.status).toBe("pending");
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBe(30 * DAY);
    expect(await activeMembers(group.id)).toBe(1);

    for (const someoneElse of [stranger.user, admin.user, otherMember.user]) {
      await expect(accept(someoneElse, invitation.id)).rejects.toMatchObject({ key: "notFound" });
      await expect(decline(someoneElse, invitation.id)).rejects.toMatchObject({ key: "notFound" });
    }
    await expect(accept(invited.user, "doesnotexist0000")).rejects.toMatchObject({ key: "notFound" });
    expect(await db.groupMembership.count({ where: { groupId: group.id, topicId: invited.cause.id } })).toBe(0);
    expect((await db.groupInvitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("pending");
  });

  it("accepting joins on that invitation, and accepting twice changes nothing", async () => {
    const { admin, group } = await foundedGroup();
    const invited = await causeOwner("invited");
    const invitation = await invite(admin.user, group.id, invited.cause.id);
    const first = await accept(invited.user, invitation.id);
    const second = await accept(invited.user, invitation.id);

    expect(first.membership).toMatchObject({ topicId: invited.cause.id, status: "active", invitationId: invitation.id });
    expect(second.membership?.id).toBe(first.membership?.id);
    expect(await db.groupMembership.count({ where: { groupId: group.id, topicId: invited.cause.id } })).toBe(1);
    await expect(decline(invited.user, invitation.id)).rejects.toMatchObject({ key: "invitationAccepted" });
  });

  it("expired, declined and withdrawn invitations cannot be accepted", async () => {
    const { admin, group } = await foundedGroup();
    const [a, b, c] = [await causeOwner("a"), await causeOwner("b"), await causeOwner("c")];
    const expired = await invite(admin.user, group.id, a.cause.id);
    await db.groupInvitation.update({ where: { id: expired.id }, data: { createdAt: daysAgo(31), expiresAt: daysAgo(1) } });
    const declined = await invite(admin.user, group.id, b.cause.id);
    await decline(b.user, declined.id);
    await decline(b.user, declined.id); // repeating a decline changes nothing
    const withdrawn = await invite(admin.user, group.id, c.cause.id);
    await withdrawInvitation(admin.user, { invitationId: withdrawn.id });
    await withdrawInvitation(admin.user, { invitationId: withdrawn.id });

    await expect(accept(a.user, expired.id)).rejects.toMatchObject({ key: "invitationExpired" });
    await expect(accept(b.user, declined.id)).rejects.toMatchObject({ key: "invitationDeclined" });
    await expect(accept(c.user, withdrawn.id)).rejects.toMatchObject({ key: "invitationWithdrawn" });
    expect(await activeMembers(group.id)).toBe(1);
    expect(await db.groupMembership.count({ where: { groupId: group.id } })).toBe(1);
  });

  it("holds under concurrency: the cap and a double acceptance race for nothing", async () => {
    const { admin, group } = await foundedGroup();
    const owners = await Promise.all(Array.from({ length: MAX_OPEN_INVITATIONS + 3 }, () => causeOwner("racer")));
    const results = await Promise.allSettled(owners.map((o) => invite(admin.user, group.id, o.cause.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_OPEN_INVITATIONS);
    expect(await db.groupInvitation.count({ where: { groupId: group.id, status: "pending" } })).toBe(MAX_OPEN_INVITATIONS);

    const invitation = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ id: string; topicId: string }>).value;
    const owner = owners.find((o) => o.cause.id === invitation.topicId)!;
    await Promise.all([accept(owner.user, invitation.id), accept(owner.user, invitation.id)]);
    expect(await db.groupMembership.count({ where: { groupId: group.id, topicId: owner.cause.id } })).toBe(1);
  });

  it("a cause archived after its invitation cannot join with it", async () => {
    const { admin, group } = await foundedGroup();
    const invited = await causeOwner("invited");
    const invitation = await invite(admin.user, group.id, invited.cause.id);
    await db.topic.update({ where: { id: invited.cause.id }, data: { status: "archived" } });
    await expect(accept(invited.user, invitation.id)).rejects.toMatchObject({ key: "causeNotInvitable" });
    expect(await activeMembers(group.id)).toBe(1);
  });

  it("only the admin may withdraw, and not what was answered", async () => {
    const { admin, group, member } = await groupWithMember();
    const invited = await causeOwner("invited");
    const invitation = await invite(admin.user, group.id, invited.cause.id);
    await expect(withdrawInvitation(member.user, { invitationId: invitation.id })).rejects.toMatchObject({ key: "notFound" });
    await expect(withdrawInvitation(invited.user, { invitationId: invitation.id })).rejects.toMatchObject({ key: "notFound" });
    await accept(invited.user, invitation.id);
    await expect(withdrawInvitation(admin.user, { invitationId: invitation.id })).rejects.toMatchObject({ key: "invitationAccepted" });
  });

  it("a declined cause cannot be invited again for 30 days, then it can", async () => {
    const { admin, group } = await foundedGroup();
    const invited = await causeOwner("invited");
    const first = await invite(admin.user, group.id, invited.cause.id);
    await decline(invited.user, first.id);
    await expect(invite(admin.user, group.id, invited.cause.id)).rejects.toMatchObject({ key: "declinedRecently" });

    await db.groupInvitation.update({ where: { id: first.id }, data: { respondedAt: daysAgo(29) } });
    await expect(invite(admin.user, group.id, invited.cause.id)).rejects.toMatchObject({ key: "declinedRecently" });
    await db.groupInvitation.update({ where: { id: first.id }, data: { respondedAt: daysAgo(31) } });
    const again = await invite(admin.user, group.id, invited.cause.id);
    expect(again.status).toBe("pending");
    expect(await activeMembers(group.id)).toBe(1);
  });

  it(`allows at most ${MAX_OPEN_INVITATIONS} open invitations per group`, async () => {
    const { admin, group } = await foundedGroup();
    const owners = await Promise.all(Array.from({ length: MAX_OPEN_INVITATIONS + 2 }, () => causeOwner("invited")));
    const open = [];
    for (const owner of owners.slice(0, MAX_OPEN_INVITATIONS)) open.push(await invite(admin.user, group.id, owner.cause.id));
    const extra = owners[MAX_OPEN_INVITATIONS];
    await expect(invite(admin.user, group.id, extra.cause.id)).rejects.toMatchObject({ key: "tooManyOpenInvitations" });
    expect(await db.groupInvitation.count({ where: { groupId: group.id } })).toBe(MAX_OPEN_INVITATIONS);

    // A lapsed, a withdrawn or an answered invitation frees its place.
    await db.groupInvitation.update({ where: { id: open[0].id }, data: { expiresAt: daysAgo(1) } });
    await invite(admin.user, group.id, extra.cause.id);
    await expect(invite(admin.user, group.id, owners[MAX_OPEN_INVITATIONS + 1].cause.id)).rejects.toMatchObject({ key: "tooManyOpenInvitations" });
    await withdrawInvitation(admin.user, { invitationId: open[1].id });
    await invite(admin.user, group.id, owners[MAX_OPEN_INVITATIONS + 1].cause.id);
    expect((await getGroupForManage(group.id, admin.user.id))?.limits).toMatchObject({ open: 3, max: 3, canInvite: false });
  });

  it("refuses inviting one's own, member, invited, draft, archived and unknown causes, and long notes", async () => {
    const { admin, group, member } = await groupWithMember();
    const ownSecond = await createPublishedCause(admin.user.id);
    const invited = await causeOwner("invited");
    await invite(admin.user, group.id, invited.cause.id);
    const other = await causeOwner("other");
    const draft = await db.topic.create({ data: { slug: `draft-${stamp()}`, title: "Draft", ownerId: other.user.id } });
    const archived = await db.topic.update({ where: { id: (await createPublishedCause(other.user.id)).id }, data: { status: "archived" } });
    const before = await db.groupInvitation.count({ where: { groupId: group.id } });

    await expect(invite(admin.user, group.id, ownSecond.id)).rejects.toMatchObject({ key: "ownCause" });
    await expect(invite(admin.user, group.id, member.cause.id)).rejects.toMatchObject({ key: "alreadyMember" });
    await expect(invite(admin.user, group.id, invited.cause.id)).rejects.toMatchObject({ key: "alreadyInvited" });
    await expect(invite(admin.user, group.id, draft.id)).rejects.toMatchObject({ key: "causeNotInvitable" });
    await expect(invite(admin.user, group.id, archived.id)).rejects.toMatchObject({ key: "causeNotInvitable" });
    await expect(invite(admin.user, group.id, "doesnotexist0000")).rejects.toMatchObject({ key: "notFound" });
    // Members other than the admin, and strangers, cannot invite at all.
    await expect(invite(member.user, group.id, other.cause.id)).rejects.toMatchObject({ key: "groupAdminOnly" });
    await expect(invite(other.user, group.id, member.cause.id)).rejects.toMatchObject({ key: "groupAdminOnly" });
    expect(await db.groupInvitation.count({ where: { groupId: group.id } })).toBe(before);

    const long = inviteCauseSchema.safeParse({ groupId: group.id, topicId: other.cause.id, note: "n".repeat(NOTE_MAX + 1) });
    expect(long.success ? null : long.error.issues[0]).toMatchObject({ message: "noteTooLong", path: ["note"] });
    expect(inviteCauseSchema.safeParse({ groupId: group.id, topicId: other.cause.id, note: "n".repeat(NOTE_MAX) }).success).toBe(true);
  });

  it("has no code path besides founding and accepting that creates a membership", () => {
    const root = path.resolve(__dirname, "../..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!["node_modules", "generated", ".next"].includes(entry.name) && !entry.name.startsWith(".next")) walk(full);
        } else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) {
          const text = fs.readFileSync(full, "utf8");
          const writes = text.match(/groupMembership\s*\.\s*(create|createMany|upsert|createManyAndReturn)\b|memberships\s*:\s*\{\s*(create|connectOrCreate|createMany|upsert)\b/g) ?? [];
          for (const write of writes) offenders.push(`${path.relative(root, full)}: ${write.replace(/\s+/g, "")}`);
        }
      }
    };
    for (const dir of ["lib", "app", "components", "prisma", "scripts"]) walk(path.join(root, dir));
    // Exactly: the founding membership in createGroup and the acceptance in respondToInvitation —
    // and made-up data the app never runs: the benchmark's, and the demo group of the seed (whose
    // second member rests on an accepted invitation, as in the app).
    expect(offenders.sort()).toEqual([
      "lib/group/mutations.ts: groupMembership.upsert",
      "lib/group/mutations.ts: memberships:{create",
      "prisma/seed.ts: groupMembership.create",
      "prisma/seed.ts: memberships:{create",
      "scripts/bench.ts: memberships:{create",
    ]);
  });
});

describe("leaving, removing and handing over", () => {
  it("leaving is one step and takes the cause's updates out of the stream", async () => {
    const { admin, group, member } = await groupWithMember();
    const mine = await db.update.create({ data: { topicId: member.cause.id, title: "Member news", publishedAt: daysAgo(1) } });
    const theirs = await db.update.create({ data: { topicId: admin.cause.id, title: "Admin news", publishedAt: daysAgo(2) } });
    expect((await getGroupStream(group.id)).items.map((i) => i.update.id)).toEqual([mine.id, theirs.id]);

    await expect(leaveGroup(admin.user, { groupId: group.id, topicId: member.cause.id })).rejects.toMatchObject({ key: "notFound" });
    const { membership } = await leaveGroup(member.user, { groupId: group.id, topicId: member.cause.id });
    await leaveGroup(member.user, { groupId: group.id, topicId: member.cause.id }); // again: nothing changes
    expect(membership.status).toBe("left");
    expect((await getGroupStream(group.id)).items.map((i) => i.update.id)).toEqual([theirs.id]);
    expect((await getGroupBySlug(group.slug))?.members.map((m) => m.id)).toEqual([admin.cause.id]);
    expect(await getGroupForManage(group.id, member.user.id)).toBeNull();

    // Coming back needs a new invitation and a new acceptance.
    const again = await invite(admin.user, group.id, member.cause.id);
    expect(await activeMembers(group.id)).toBe(1);
    const { membership: back } = await accept(member.user, again.id);
    expect(back).toMatchObject({ id: membership.id, status: "active", invitationId: again.id, endedAt: null });
  });

  it("pages the stream newest first", async () => {
    const { admin, group } = await foundedGroup();
    await db.update.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({ topicId: admin.cause.id, title: `N${i}`, publishedAt: daysAgo(30 - i) })),
    });
    const first = await getGroupStream(group.id);
    expect(first.items).toHaveLength(20);
    expect(first.items[0].update.title).toBe("N24");
    const second = await getGroupStream(group.id, first.nextCursor!);
    expect(second.items.map((i) => i.update.title)).toEqual(["N4", "N3", "N2", "N1", "N0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("when the admin's cause leaves, the longest-standing member takes over", async () => {
    const { admin, group, member } = await groupWithMember();
    const newer = await causeOwner("newer");
    await accept(newer.user, (await invite(admin.user, group.id, newer.cause.id)).id);
    await db.groupMembership.update({ where: { groupId_topicId: { groupId: group.id, topicId: member.cause.id } }, data: { joinedAt: daysAgo(10) } });
    await db.groupMembership.update({ where: { groupId_topicId: { groupId: group.id, topicId: newer.cause.id } }, data: { joinedAt: daysAgo(5) } });

    const { group: after } = await leaveGroup(admin.user, { groupId: group.id, topicId: admin.cause.id });
    expect(after).toMatchObject({ adminTopicId: member.cause.id, status: "active" });
    expect((await getGroupForManage(group.id, member.user.id))?.isAdmin).toBe(true);
    await expect(invite(admin.user, group.id, newer.cause.id)).rejects.toMatchObject({ key: "groupAdminOnly" });
  });

  it("when the last member leaves, the group is archived and its invitations die", async () => {
    const { admin, group } = await foundedGroup();
    const invited = await causeOwner("invited");
    const invitation = await invite(admin.user, group.id, invited.cause.id);
    const reader = await createUser("reader");

    const { group: after } = await leaveGroup(admin.user, { groupId: group.id, topicId: admin.cause.id });
    expect(after).toMatchObject({ status: "archived", adminTopicId: null });
    expect(after.archivedAt).toBeInstanceOf(Date);
    await expect(accept(invited.user, invitation.id)).rejects.toMatchObject({ key: "invitationWithdrawn" });
    await expect(followGroup(reader, { groupId: group.id, source: "/" })).rejects.toMatchObject({ key: "groupArchived" });
    await expect(invite(admin.user, group.id, invited.cause.id)).rejects.toMatchObject({ key: "groupAdminOnly" });
    expect(await listInvitationsForOwner(invited.user.id)).toEqual([]);
    expect(await activeMembers(group.id)).toBe(0);
  });

  it("the admin removes other members and hands over; nobody else can", async () => {
    const { admin, group, member } = await groupWithMember();
    const third = await causeOwner("third");
    await accept(third.user, (await invite(admin.user, group.id, third.cause.id)).id);

    await expect(removeMember(member.user, { groupId: group.id, topicId: third.cause.id })).rejects.toMatchObject({ key: "groupAdminOnly" });
    await expect(removeMember(admin.user, { groupId: group.id, topicId: admin.cause.id })).rejects.toMatchObject({ key: "cannotRemoveAdmin" });
    const { membership } = await removeMember(admin.user, { groupId: group.id, topicId: third.cause.id });
    expect(membership).toMatchObject({ status: "removed" });
    expect(membership.endedAt).toBeInstanceOf(Date);

    await expect(handOverGroup(member.user, { groupId: group.id, topicId: member.cause.id })).rejects.toMatchObject({ key: "groupAdminOnly" });
    await expect(handOverGroup(admin.user, { groupId: group.id, topicId: third.cause.id })).rejects.toMatchObject({ key: "notAMember" });
    const handed = await handOverGroup(admin.user, { groupId: group.id, topicId: member.cause.id });
    expect(handed.adminTopicId).toBe(member.cause.id);
    await expect(removeMember(admin.user, { groupId: group.id, topicId: member.cause.id })).rejects.toMatchObject({ key: "groupAdminOnly" });
    expect((await getGroupForManage(group.id, admin.user.id))?.members.map((m) => [m.topic.id, m.isAdmin, m.mine])).toEqual([
      [admin.cause.id, false, true],
      [member.cause.id, true, false],
    ]);
  });
});

describe("following a group", () => {
  it("subscribes only the acting reader, records the consent, and is idempotent", async () => {
    const { group } = await foundedGroup();
    const [reader, victim] = [await createUser("reader"), await createUser("victim")];
    const source = `/g/${group.slug}`;

    expect(followGroupSchema.safeParse({ groupId: group.id, source, userId: victim.id }).success).toBe(false);
    expect(toggleGroupFollowSchema.safeParse({ intent: "follow", groupId: group.id, source, userId: victim.id }).success).toBe(false);
    await followGroup(reader, { groupId: group.id, source, userId: victim.id } as never);
    const subscription = await followGroup(reader, { groupId: group.id, source });

    expect(subscription).toMatchObject({ userId: reader.id, groupId: group.id, topicId: null, status: "active" });
    expect(await db.subscription.count({ where: { userId: victim.id } })).toBe(0);
    expect(await db.subscription.count({ where: { groupId: group.id } })).toBe(1);
    const events = await db.consentEvent.findMany({ where: { subscriptionId: subscription.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "subscribe", groupId: group.id, topicId: null, source, consentVersion: CONSENT_TEXT_VERSION });

    const page = await getGroupBySlug(group.slug, reader.id);
    expect(page).toMatchObject({ following: true, followerCount: 1 });
    // Partners see a count, never who: no reader id or address anywhere in what the page gets.
    expect(JSON.stringify(await getGroupBySlug(group.slug))).not.toContain(reader.id);
    expect(JSON.stringify(page)).not.toContain(reader.email!);
  });

  it("leaves in one step, idempotently, and can follow again", async () => {
    const { group } = await foundedGroup();
    const reader = await createUser("reader");
    const first = await followGroup(reader, { groupId: group.id, source: "/" });
    await leaveGroupFollow(reader, { groupId: group.id, source: "/subscriptions" });
    await leaveGroupFollow(reader, { groupId: group.id, source: "/subscriptions" });
    expect((await getGroupBySlug(group.slug, reader.id))).toMatchObject({ following: false, followerCount: 0, followingSince: null });
    const again = await followGroup(reader, { groupId: group.id, source: "/" });
    expect(again.id).toBe(first.id);
    const actions = (await db.consentEvent.findMany({ where: { subscriptionId: first.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["subscribe", "leave", "subscribe"]);
    await expect(followGroup(reader, { groupId: "doesnotexist0000", source: "/" })).rejects.toMatchObject({ key: "notFound" });
  });

  it("partner news is the reader's own choice, recorded only when it changes", async () => {
    const { admin } = await foundedGroup();
    const reader = await createUser("reader");
    const input = (value?: string) => setPartnerNewsSchema.parse({ topicId: admin.cause.id, ...(value ? { partnerNews: value } : {}) });
    await expect(setPartnerNews(reader, input("on"))).rejects.toMatchObject({ key: "notFollowing" });

    const subscription = await followCause(reader, { topicId: admin.cause.id, source: "/" });
    expect(subscription.partnerNews).toBe(false);
    expect((await setPartnerNews(reader, input("on"))).partnerNews).toBe(true);
    await setPartnerNews(reader, input("on"));
    expect((await setPartnerNews(reader, input())).partnerNews).toBe(false); // unticked checkbox = off
    const events = await db.consentEvent.findMany({ where: { subscriptionId: subscription.id, action: "preferences" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.detail)).toEqual(["partnerNews=on", "partnerNews=off"]);
    expect(events[0]).toMatchObject({ source: "/subscriptions", topicId: admin.cause.id, consentVersion: CONSENT_TEXT_VERSION });
    expect(setPartnerNewsSchema.safeParse({ topicId: admin.cause.id, partnerNews: "on", userId: reader.id }).success).toBe(false);
    expect(setPartnerNewsSchema.safeParse({ topicId: admin.cause.id, partnerNews: "yes" }).success).toBe(false);
  });
});

describe("what owners see", () => {
  it("their groups, their open invitations and a badge count", async () => {
    const { admin, group, member } = await groupWithMember();
    const invited = await causeOwner("invited");
    const invitation = await invite(admin.user, group.id, invited.cause.id, "Wir würden uns freuen.");

    expect(await listMyGroups(admin.user.id)).toMatchObject([{ id: group.id, role: "admin", myCause: { id: admin.cause.id }, memberCount: 2, pendingInvitationCount: 1 }]);
    expect(await listMyGroups(member.user.id)).toMatchObject([{ id: group.id, role: "member", memberCount: 2 }]);
    expect(await listMyGroups(invited.user.id)).toEqual([]);
    expect(await getGroupForManage(group.id, invited.user.id)).toBeNull();

    expect(await countOpenInvitationsForOwner(invited.user.id)).toBe(1);
    expect(await listInvitationsForOwner(invited.user.id)).toMatchObject([
      { id: invitation.id, note: "Wir würden uns freuen.", cause: { id: invited.cause.id }, group: { id: group.id, name: group.name, memberCount: 2 } },
    ]);
    await db.groupInvitation.update({ where: { id: invitation.id }, data: { expiresAt: daysAgo(1) } });
    expect(await countOpenInvitationsForOwner(invited.user.id)).toBe(0);
    expect((await getGroupForManage(group.id, admin.user.id))?.invitations.map((i) => i.state)).toEqual(["expired", "accepted"]);
  });

  it("the admin's search: published causes by title or tag, never one's own, with their standing", async () => {
    const { admin, group, member } = await groupWithMember();
    const word = `moor${stamp()}`;
    const other = await causeOwner("other");
    const [fresh, declinedCause, ownCause, draft] = await Promise.all([
      createPublishedCause(other.user.id, { title: `Rettet das ${word}` }),
      createPublishedCause(other.user.id, { title: `${word} Freunde` }),
      createPublishedCause(admin.user.id, { title: `${word} admin` }),
      db.topic.create({ data: { slug: `draft-${stamp()}`, title: `${word} draft`, ownerId: other.user.id } }),
    ]);
    const tagged = await createPublishedCause(other.user.id);
    await db.topic.update({ where: { id: tagged.id }, data: { tags: { connectOrCreate: { where: { slug: word }, create: { slug: word, label: word } } } } });
    await db.topic.update({ where: { id: member.cause.id }, data: { title: `${word} member`, searchText: causeSearchText({ title: `${word} member`, summary: "" }) } });
    await decline(other.user, (await invite(admin.user, group.id, declinedCause.id)).id);
    await invite(admin.user, group.id, fresh.id);

    const results = await searchInvitableCauses(group.id, word.toUpperCase(), admin.user.id);
    const byId = new Map(results.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([fresh.id, declinedCause.id, tagged.id, member.cause.id].sort());
    expect(byId.has(ownCause.id) || byId.has(draft.id)).toBe(false);
    expect(byId.get(fresh.id)).toMatchObject({ invited: true, member: false, declinedUntil: null });
    expect(byId.get(member.cause.id)).toMatchObject({ member: true });
    expect(byId.get(declinedCause.id)?.declinedUntil?.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(byId.get(tagged.id)).toMatchObject({ invited: false, member: false, declinedUntil: null });
    expect(await searchInvitableCauses(group.id, word, member.user.id)).toEqual([]);
  });
});

describe("a group's joint feed", () => {
  const APP = "http://localhost:3000";
  const parser = new Parser();
  const feed = (slug: string, format: string, headers: Record<string, string> = {}) =>
    groupFeedRoute.GET(new NextRequest(`${APP}/api/feeds/g/${slug}/${format}`, { headers }), {
      params: Promise.resolve({ slug, format }),
    });

  async function groupWithNews() {
    const { admin, group, member } = await groupWithMember();
    const a = await db.update.create({ data: { topicId: admin.cause.id, title: "Admin & co", body: "**Bold**", publishedAt: daysAgo(2) } });
    const m = await db.update.create({ data: { topicId: member.cause.id, title: "Member news", body: "<script>x()</script>Hi", publishedAt: daysAgo(1) } });
    return { admin, group, member, a, m };
  }

  it("is RSS, Atom and JSON Feed that parse, with the members' updates and where each comes from", async () => {
    const { group, member, admin, a, m } = await groupWithNews();
    const rss = await feed(group.slug, "rss");
    expect(rss.status).toBe(200);
    expect(rss.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const xml = await rss.text();
    const parsed = await parser.parseString(xml);
    expect(parsed.title).toBe(group.name);
    expect(parsed.link).toBe(`${APP}/g/${group.slug}`);
    expect(parsed.feedUrl).toBe(`${APP}/api/feeds/g/${group.slug}/rss`);
    expect(parsed.items.map((i) => i.title)).toEqual(["Member news", "Admin & co"]);
    expect(parsed.items[0].guid).toBe(`${APP}/c/${member.cause.slug}/u/${m.id}`);
    expect(parsed.items[1].categories).toEqual([admin.cause.title]);
    expect(xml).not.toMatch(/<script/);
    expect(xml).toContain(`href="${APP}/c/${member.cause.slug}"`);

    const atom = await parser.parseString(await (await feed(group.slug, "atom")).text());
    expect(atom.items.map((i) => (i as { id?: string }).id)).toEqual([
      `${APP}/c/${member.cause.slug}/u/${m.id}`,
      `${APP}/c/${admin.cause.slug}/u/${a.id}`,
    ]);
    const json = await (await feed(group.slug, "json")).json();
    expect(json).toMatchObject({ version: "https://jsonfeed.org/version/1.1", title: group.name, description: group.concern, language: "de" });
    expect(json.items[1].content_html).toContain("<strong>Bold</strong>");
    expect(json.items[0].authors).toEqual([{ name: member.cause.title, url: `${APP}/c/${member.cause.slug}` }]);
  });

  it("answers 304 without loading entries, and changes when a member leaves", async () => {
    const { group, member } = await groupWithNews();
    const first = await feed(group.slug, "rss");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toContain("public");
    vi.mocked(getGroupFeedEntries).mockClear();

    const again = await feed(group.slug, "rss", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(getGroupFeedEntries).not.toHaveBeenCalled();
    const bySince = await feed(group.slug, "rss", { "if-modified-since": first.headers.get("last-modified")! });
    expect(bySince.status).toBe(304);

    await leaveGroup(member.user, { groupId: group.id, topicId: member.cause.id });
    const after = await feed(group.slug, "rss", { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await parser.parseString(await after.text())).items.map((i) => i.title)).toEqual(["Admin & co"]);
  });

  it("is 404 for unknown groups and formats, and escapes a name with markup", async () => {
    expect((await feed("no-such-group-here", "rss")).status).toBe(404);
    const { group } = await foundedGroup();
    expect((await feed(group.slug, "xml")).status).toBe(404);
    const { group: scripted } = await foundedGroup({ name: `<script>alert(1)</script> ${stamp()}` });
    for (const format of ["rss", "atom"] as const) {
      const text = await (await feed(scripted.slug, format)).text();
      expect(text).not.toContain("<script>");
      expect((await parser.parseString(text)).title).toContain("script");
    }
  });
});
