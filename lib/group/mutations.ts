import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db, isPostgres, isUniqueViolation, searchContains, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { withRate } from "@/lib/rate-limit/limiter";
import { tagLinks } from "@/lib/topic/mutations";
import { isValidSlug, pickFreeSlug, slugCandidates, slugFromTitle } from "@/lib/topic/rules";
import { groupSearchText, invitationExpiresAt, invitationState, inviteRefusal, nextAdminTopicId, respondOutcome } from "./rules";
import type {
  CreateGroupInput,
  HandOverGroupInput,
  InviteCauseInput,
  LeaveGroupInput,
  RemoveMemberInput,
  RespondToInvitationInput,
  WithdrawInvitationInput,
} from "./schema";

// Every function acts for `actor` and nobody else. GroupMembership rows are created in exactly two
// places: the founding cause in createGroup, and the invited owner's own acceptance in
// respondToInvitation. tests/integration/groups.test.ts checks that no other code path exists.

type Actor = Pick<CurrentUser, "id">;

/**
 * Serialises writes to one group inside a transaction and returns its current row: on PostgreSQL
 * a row lock, so two concurrent invitations cannot both pass the open-invitation cap and a
 * membership change always sees the latest members; SQLite has one writer and the driver adapter
 * runs transactions one at a time anyway.
 */
async function lockGroup(tx: Tx, groupId: string) {
  if (isPostgres) await tx.$queryRaw`SELECT 1 FROM "PartnerGroup" WHERE "id" = ${groupId} FOR UPDATE`;
  const group = await tx.partnerGroup.findUnique({
    where: { id: groupId },
    include: { adminTopic: { select: { ownerId: true, title: true } } },
  });
  if (!group) throw new DomainError("notFound");
  return group;
}

/** The locked group, when the actor owns its admin cause; otherwise a refusal. */
async function lockGroupAsAdmin(tx: Tx, actor: Actor, groupId: string) {
  const group = await lockGroup(tx, groupId);
  if (group.adminTopic?.ownerId !== actor.id) throw new DomainError("groupAdminOnly");
  return group;
}

/** Whether another group already has this name: compared by slug, so "Saubere Spree!" = "saubere spree". */
async function nameTaken(name: string, nameSlug: string) {
  const similar = await db.partnerGroup.findMany({
    where: { OR: [{ slug: nameSlug }, searchContains(name)] },
    select: { name: true, slug: true },
    take: 50,
  });
  return similar.some((g) => g.slug === nameSlug || slugFromTitle(g.name) === nameSlug);
}

async function firstFreeSlug(base: string) {
  const candidates = slugCandidates(base).filter(isValidSlug);
  const taken = new Set(
    (await db.partnerGroup.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((g) => g.slug),
  );
  return pickFreeSlug(candidates, taken);
}

/**
 * A cause owner founds a group with one of their published causes, which becomes its first
 * member and its admin. Nobody else is in it until they accept an invitation.
 */
export async function createGroup(actor: Actor, input: CreateGroupInput, client?: string | null) {
  return withRate("createGroup", { account: actor.id, client }, () => foundGroup(actor, input));
}

async function foundGroup(actor: Actor, input: CreateGroupInput) {
  const topic = await db.topic.findFirst({ where: { id: input.topicId, ownerId: actor.id } });
  if (!topic) throw new DomainError("notFound");
  if (topic.status !== "published") throw new DomainError("foundingCauseNotPublished");

  const nameSlug = slugFromTitle(input.name);
  if (await nameTaken(input.name, nameSlug)) throw new DomainError("groupNameTaken", "name");
  const slug = input.slug || (await firstFreeSlug(nameSlug));
  try {
    return await db.partnerGroup.create({
      data: {
        slug,
        name: input.name,
        concern: input.concern,
        searchText: groupSearchText(input),
        description: input.description,
        language: input.language,
        adminTopicId: topic.id,
        tags: { connectOrCreate: tagLinks(input.tags) },
        // The founding membership: the only one without an invitation.
        memberships: { create: { topicId: topic.id, invitationId: null } },
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(input.slug ? "slugTaken" : "groupNameTaken", input.slug ? "slug" : "name");
    throw error;
  }
}

/**
 * The admin invites another owner's published cause. This adds nobody: the invitation waits for
 * that owner's answer and lapses after INVITATION_TTL_DAYS.
 */
export async function inviteCause(actor: Actor, input: InviteCauseInput, client?: string | null) {
  return withRate("groupInvitation", { account: actor.id, client }, () => db.$transaction(async (tx) => {
    const group = await lockGroupAsAdmin(tx, actor, input.groupId);
    if (group.status !== "active") throw new DomainError("groupArchived");
    const now = new Date();
    // One after another: a transaction has one connection, which runs one query at a time anyway.
    const cause = await tx.topic.findUnique({ where: { id: input.topicId }, select: { id: true, status: true, ownerId: true } });
    const membership = await tx.groupMembership.findUnique({ where: { groupId_topicId: { groupId: group.id, topicId: input.topicId } } });
    const invitations = await tx.groupInvitation.findMany({ where: { groupId: group.id, topicId: input.topicId, status: { in: ["pending", "declined"] } } });
    const openInvitations = await tx.groupInvitation.count({ where: { groupId: group.id, status: "pending", expiresAt: { gt: now } } });
    const refusal = inviteRefusal({
      cause,
      actorId: actor.id,
      isActiveMember: membership?.status === "active",
      invitations,
      openInvitations,
      now,
    });
    if (refusal) throw new DomainError(refusal);
    return tx.groupInvitation.create({
      include: { topic: { select: { title: true } } },
      data: {
        groupId: group.id,
        topicId: cause!.id,
        invitedById: actor.id,
        note: input.note,
        createdAt: now,
        expiresAt: invitationExpiresAt(now),
      },
    });
  }));
}

/**
 * The owner of the invited cause answers. Accepting is the one way into a group besides founding
 * it: invitation and membership change in one transaction. Anybody else sees no invitation at all.
 */
export async function respondToInvitation(actor: Actor, input: RespondToInvitationInput) {
  const found = await db.groupInvitation.findUnique({
    where: { id: input.invitationId },
    include: { topic: { select: { ownerId: true } } },
  });
  if (!found || found.topic.ownerId !== actor.id) throw new DomainError("notFound");

  return db.$transaction(async (tx) => {
    const group = await lockGroup(tx, found.groupId);
    const invitation = await tx.groupInvitation.findUniqueOrThrow({
      where: { id: found.id },
      include: { topic: { select: { status: true, ownerId: true, title: true } }, membership: true },
    });
    if (invitation.topic.ownerId !== actor.id) throw new DomainError("notFound"); // the cause changed hands
    const answer = {
      group: { id: group.id, name: group.name, slug: group.slug },
      cause: { id: invitation.topicId, title: invitation.topic.title },
    };
    const now = new Date();
    const outcome = respondOutcome(invitationState(invitation, now), input.response);
    if (outcome.kind === "refuse") throw new DomainError(outcome.key);
    if (outcome.kind === "unchanged") return { ...answer, invitation, membership: invitation.membership };

    if (input.response === "decline") {
      const declined = await tx.groupInvitation.update({
        where: { id: invitation.id },
        data: { status: "declined", respondedAt: now },
      });
      return { ...answer, invitation: declined, membership: null };
    }

    if (group.status !== "active") throw new DomainError("groupArchived");
    if (invitation.topic.status !== "published") throw new DomainError("causeNotInvitable");
    const accepted = await tx.groupInvitation.update({
      where: { id: invitation.id },
      data: { status: "accepted", respondedAt: now },
    });
    // A cause that left (or was removed) earlier comes back on this new invitation.
    const membership = await tx.groupMembership.upsert({
      where: { groupId_topicId: { groupId: group.id, topicId: invitation.topicId } },
      create: { groupId: group.id, topicId: invitation.topicId, invitationId: invitation.id, joinedAt: now },
      update: { status: "active", invitationId: invitation.id, joinedAt: now, endedAt: null },
    });
    return { ...answer, invitation: accepted, membership };
  });
}

/** The admin takes back an invitation nobody has answered yet. Withdrawing twice changes nothing. */
export async function withdrawInvitation(actor: Actor, input: WithdrawInvitationInput) {
  const found = await db.groupInvitation.findUnique({ where: { id: input.invitationId }, select: { id: true, groupId: true } });
  if (!found) throw new DomainError("notFound");

  return db.$transaction(async (tx) => {
    const group = await lockGroup(tx, found.groupId);
    // Invitations are the admin's and the invited owner's business: to anybody else there is none.
    if (group.adminTopic?.ownerId !== actor.id) throw new DomainError("notFound");
    const invitation = await tx.groupInvitation.findUniqueOrThrow({ where: { id: found.id } });
    const now = new Date();
    const state = invitationState(invitation, now);
    if (state === "accepted") throw new DomainError("invitationAccepted");
    if (state === "declined") throw new DomainError("invitationDeclined");
    if (state !== "pending") return invitation; // already withdrawn, or lapsed by itself
    return tx.groupInvitation.update({ where: { id: invitation.id }, data: { status: "withdrawn", respondedAt: now } });
  });
}

type LockedGroup = Awaited<ReturnType<typeof lockGroup>>;

/**
 * Ends a membership in a locked group. If the admin cause goes, the longest-standing remaining
 * member takes over; a group left without members is archived and its open invitations withdrawn,
 * so nobody can join an empty group.
 */
async function endMembership(tx: Tx, group: LockedGroup, topicId: string, status: "left" | "removed") {
  const withCause = { topic: { select: { title: true } } } as const;
  const membership = await tx.groupMembership.findUnique({
    where: { groupId_topicId: { groupId: group.id, topicId } },
    include: withCause,
  });
  if (!membership) throw new DomainError("notAMember");
  if (membership.status !== "active") return { membership, group };

  const now = new Date();
  const ended = await tx.groupMembership.update({ where: { id: membership.id }, data: { status, endedAt: now }, include: withCause });
  const remaining = await tx.groupMembership.findMany({
    where: { groupId: group.id, status: "active" },
    select: { topicId: true, joinedAt: true },
  });
  if (remaining.length === 0) {
    await tx.groupInvitation.updateMany({
      where: { groupId: group.id, status: "pending" },
      data: { status: "withdrawn", respondedAt: now },
    });
    // A suspended group stays suspended (only an operator lifts it); lifting then finds it archived.
    const archived = await tx.partnerGroup.update({
      where: { id: group.id },
      data:
        group.status === "suspended"
          ? { suspendedFrom: "archived", archivedAt: now, adminTopicId: null }
          : { status: "archived", archivedAt: now, adminTopicId: null },
    });
    return { membership: ended, group: archived };
  }
  if (group.adminTopicId === topicId || group.adminTopicId === null) {
    const handedOver = await tx.partnerGroup.update({
      where: { id: group.id },
      data: { adminTopicId: nextAdminTopicId(remaining, topicId) },
    });
    return { membership: ended, group: handedOver };
  }
  return { membership: ended, group };
}

/** The owner of a member cause takes it out of the group: one step, any time, no reason needed. */
export async function leaveGroup(actor: Actor, input: LeaveGroupInput) {
  const topic = await db.topic.findFirst({ where: { id: input.topicId, ownerId: actor.id }, select: { id: true } });
  if (!topic) throw new DomainError("notFound");
  return db.$transaction(async (tx) => {
    const result = await endMembership(tx, await lockGroup(tx, input.groupId), topic.id, "left");
    // Whether the actor still has another cause in the group (and so still sees its management page).
    const stillMember = (await tx.groupMembership.count({
      where: { groupId: input.groupId, status: "active", topic: { ownerId: actor.id } },
    })) > 0;
    return { ...result, stillMember };
  });
}

/** The admin takes another member cause out of the group (the admin's own cause leaves instead). */
export async function removeMember(actor: Actor, input: RemoveMemberInput) {
  return db.$transaction(async (tx) => {
    const group = await lockGroupAsAdmin(tx, actor, input.groupId);
    if (group.adminTopicId === input.topicId) throw new DomainError("cannotRemoveAdmin");
    return endMembership(tx, group, input.topicId, "removed");
  });
}

/** The admin hands the admin role to another active member cause. */
export async function handOverGroup(actor: Actor, input: HandOverGroupInput) {
  return db.$transaction(async (tx) => {
    const group = await lockGroupAsAdmin(tx, actor, input.groupId);
    if (group.adminTopicId === input.topicId) return group;
    const membership = await tx.groupMembership.findUnique({
      where: { groupId_topicId: { groupId: group.id, topicId: input.topicId } },
    });
    if (membership?.status !== "active") throw new DomainError("notAMember");
    return tx.partnerGroup.update({
      where: { id: group.id },
      data: { adminTopicId: input.topicId },
      include: { adminTopic: { select: { ownerId: true, title: true } } },
    });
  });
}
