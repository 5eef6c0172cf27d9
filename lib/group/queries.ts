import "server-only";
import { cache } from "react";
import { db, searchContains } from "@/lib/db";
import { LIVE_STATUSES, tagKey } from "@/lib/topic/rules";
import { cursorAfter, newestUpdates } from "@/lib/update/timeline";
import { DECLINE_COOLDOWN_DAYS, declinedUntil, INVITATION_TTL_DAYS, invitationState, MAX_OPEN_INVITATIONS } from "./rules";

// Partners never see each other's followers: every follower figure here is a count.

export const GROUP_STREAM_PAGE_SIZE = 20;
const INVITABLE_SEARCH_LIMIT = 10;

const activeFollowers = { _count: { select: { subscriptions: { where: { status: "active" as const } } } } };
const openInvitationWhere = (now: Date) => ({ status: "pending" as const, expiresAt: { gt: now } });

/** Topic ids of the group's current members: what its page, stream and feed are made of. */
export async function activeMemberTopicIds(groupId: string) {
  const members = await db.groupMembership.findMany({ where: { groupId, status: "active" }, select: { topicId: true } });
  return members.map((m) => m.topicId);
}

/**
 * A group as its public page shows it, or null when there is none: its member causes (only
 * current members), an honest follower count, and what the viewer may do there. Asked once per
 * request: the page and its metadata share the answer (React cache).
 */
export const getGroupBySlug = cache(async function getGroupBySlug(slug: string, viewerId?: string) {
  const group = await db.partnerGroup.findUnique({
    where: { slug },
    include: {
      tags: { orderBy: { slug: "asc" } },
      adminTopic: { select: { ownerId: true } },
      memberships: {
        where: { status: "active", topic: { status: { in: [...LIVE_STATUSES] } } },
        orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
        include: {
          topic: {
            select: { id: true, slug: true, title: true, summary: true, language: true, ownerId: true, ...activeFollowers },
          },
        },
      },
      ...activeFollowers,
    },
  });
  // A suspended group is answered by proxy.ts with 410; here it simply does not exist.
  if (!group || group.status === "suspended") return null;
  const subscription = viewerId
    ? await db.subscription.findUnique({ where: { userId_groupId: { userId: viewerId, groupId: group.id } } })
    : null;
  const following = subscription?.status === "active";
  const { memberships, adminTopic, _count, ...rest } = group;
  return {
    ...rest,
    members: memberships.map(({ topic, joinedAt }) => ({
      id: topic.id,
      slug: topic.slug,
      title: topic.title,
      summary: topic.summary,
      language: topic.language,
      followerCount: topic._count.subscriptions,
      joinedAt,
      isAdmin: topic.id === group.adminTopicId,
    })),
    followerCount: _count.subscriptions,
    following,
    followingSince: following ? subscription!.since : null,
    isAdmin: viewerId !== undefined && adminTopic?.ownerId === viewerId,
    viewerMemberTopicIds: viewerId ? memberships.filter((m) => m.topic.ownerId === viewerId).map((m) => m.topicId) : [],
  };
});

/**
 * The group's joint stream: updates of its current member causes, newest first, one page after
 * `cursor`. A cause that left is gone from it; nothing was copied when an update appeared.
 */
export async function getGroupStream(groupId: string, cursor?: string) {
  const members = await db.groupMembership.findMany({
    where: { groupId, status: "active", topic: { status: { in: [...LIVE_STATUSES] } } },
    include: { topic: { select: { id: true, slug: true, title: true, language: true } } },
  });
  if (members.length === 0) return { items: [], nextCursor: null };
  const topics = new Map(members.map((m) => [m.topicId, m.topic]));
  const after = await cursorAfter(cursor);
  if (cursor && !after) return { items: [], nextCursor: null };
  const page = await newestUpdates([...topics.keys()], GROUP_STREAM_PAGE_SIZE + 1, after);
  const updates = page.slice(0, GROUP_STREAM_PAGE_SIZE);
  return {
    items: updates.map((update) => ({ update, topic: topics.get(update.topicId)! })),
    nextCursor: page.length > GROUP_STREAM_PAGE_SIZE ? updates[updates.length - 1].id : null,
  };
}

/** Groups one of the user's causes belongs to (the group's fields), with the user's role there, their cause and counts. */
export async function listMyGroups(userId: string, now = new Date()) {
  const memberships = await db.groupMembership.findMany({
    where: { status: "active", topic: { ownerId: userId } },
    orderBy: [{ joinedAt: "desc" }],
    include: {
      topic: { select: { id: true, slug: true, title: true } },
      group: {
        include: {
          _count: {
            select: {
              memberships: { where: { status: "active" } },
              invitations: { where: openInvitationWhere(now) },
            },
          },
        },
      },
    },
  });
  // One row per group, even when several of the user's causes are members; the admin cause first.
  const byGroup = new Map<string, (typeof memberships)[number]>();
  for (const m of memberships) {
    const seen = byGroup.get(m.groupId);
    if (!seen || m.topicId === m.group.adminTopicId) byGroup.set(m.groupId, m);
  }
  return [...byGroup.values()].map(({ group, topic, joinedAt }) => {
    const { _count, ...rest } = group;
    return {
      ...rest,
      role: group.adminTopicId === topic.id ? ("admin" as const) : ("member" as const),
      myCause: topic,
      joinedAt,
      memberCount: _count.memberships,
      pendingInvitationCount: _count.invitations,
    };
  });
}

/**
 * A group's management page, or null unless the user owns a current member cause: members, the
 * invitations and their state, and how many more may be open now.
 */
export async function getGroupForManage(groupId: string, userId: string, now = new Date()) {
  const group = await db.partnerGroup.findUnique({
    where: { id: groupId },
    include: {
      tags: { orderBy: { slug: "asc" } },
      adminTopic: { select: { ownerId: true } },
      ...activeFollowers,
    },
  });
  if (!group) return null;
  const memberships = await db.groupMembership.findMany({
    where: { groupId, status: "active" },
    orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
    include: { topic: { select: { id: true, slug: true, title: true, language: true, ownerId: true, ...activeFollowers } } },
  });
  const myTopicIds = memberships.filter((m) => m.topic.ownerId === userId).map((m) => m.topicId);
  if (myTopicIds.length === 0) return null;

  const isAdmin = group.adminTopic?.ownerId === userId;
  // Only the admin sees whom the group invited (and who declined); members see the members.
  const [invitations, openInvitations] = await Promise.all([
    !isAdmin ? [] : db.groupInvitation.findMany({
      where: { groupId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
      select: {
        id: true,
        note: true,
        status: true,
        createdAt: true,
        expiresAt: true,
        respondedAt: true,
        topic: { select: { id: true, slug: true, title: true } },
      },
    }),
    db.groupInvitation.count({ where: { groupId, ...openInvitationWhere(now) } }),
  ]);
  const { id, slug, name, concern, description, language, status, adminTopicId, createdAt, updatedAt, archivedAt } = group;
  return {
    group: { id, slug, name, concern, description, language, status, adminTopicId, createdAt, updatedAt, archivedAt, followerCount: group._count.subscriptions },
    isAdmin,
    myTopicIds,
    members: memberships.map(({ topic, joinedAt }) => ({
      topic: { id: topic.id, slug: topic.slug, title: topic.title, language: topic.language, followerCount: topic._count.subscriptions },
      joinedAt,
      isAdmin: topic.id === group.adminTopicId,
      mine: topic.ownerId === userId,
    })),
    invitations: invitations.map((invitation) => ({
      ...invitation,
      state: invitationState(invitation, now),
      declinedUntil: declinedUntil(invitation, now),
    })),
    limits: {
      open: openInvitations,
      max: MAX_OPEN_INVITATIONS,
      ttlDays: INVITATION_TTL_DAYS,
      cooldownDays: DECLINE_COOLDOWN_DAYS,
      canInvite: isAdmin && group.status === "active" && openInvitations < MAX_OPEN_INVITATIONS,
    },
  };
}

const ownersOpenInvitations = (userId: string, now: Date) => ({
  ...openInvitationWhere(now),
  topic: { ownerId: userId },
  group: { status: "active" as const },
});

/** Invitations waiting for the user's answer (pending, not lapsed), newest first. */
export async function listInvitationsForOwner(userId: string, now = new Date()) {
  const invitations = await db.groupInvitation.findMany({
    where: ownersOpenInvitations(userId, now),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      note: true,
      createdAt: true,
      expiresAt: true,
      topic: { select: { id: true, title: true, slug: true } },
      group: {
        select: {
          id: true,
          name: true,
          slug: true,
          concern: true,
          _count: { select: { memberships: { where: { status: "active" } } } },
        },
      },
    },
  });
  return invitations.map(({ topic, group: { _count, ...group }, ...invitation }) => ({
    ...invitation,
    cause: topic,
    group: { ...group, memberCount: _count.memberships },
  }));
}

/** How many invitations wait for the user's answer: for a badge. */
export async function countOpenInvitationsForOwner(userId: string, now = new Date()) {
  return db.groupInvitation.count({ where: ownersOpenInvitations(userId, now) });
}

/**
 * Published causes the group's admin might invite: matching the title or a tag (with an empty
 * query, those sharing a tag with the group), never the admin's own, each with where it stands
 * with this group. Empty for anybody but the admin.
 */
export async function searchInvitableCauses(groupId: string, q: string, userId: string, now = new Date()) {
  const group = await db.partnerGroup.findUnique({
    where: { id: groupId },
    select: { id: true, status: true, adminTopic: { select: { ownerId: true } }, tags: { select: { slug: true } } },
  });
  if (!group || group.status !== "active" || group.adminTopic?.ownerId !== userId) return [];

  const query = q.trim().slice(0, 100);
  const tagQuery = tagKey(query);
  const match = query
    ? { OR: [searchContains(query), ...(tagQuery ? [{ tags: { some: { slug: { contains: tagQuery } } } }] : [])] }
    : { tags: { some: { slug: { in: group.tags.map((t) => t.slug) } } } };
  const topics = await db.topic.findMany({
    where: { status: "published", ownerId: { not: userId }, ...match },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: INVITABLE_SEARCH_LIMIT,
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      language: true,
      tags: { select: { slug: true }, orderBy: { slug: "asc" } },
      memberships: { where: { groupId }, select: { status: true } },
      invitations: { where: { groupId, status: { in: ["pending", "declined"] } }, select: { status: true, expiresAt: true, respondedAt: true } },
      ...activeFollowers,
    },
  });
  return topics.map(({ memberships, invitations, _count, tags, ...topic }) => {
    const until = invitations.map((i) => declinedUntil(i, now)).filter((d): d is Date => d !== null);
    return {
      ...topic,
      tags: tags.map((t) => t.slug),
      followerCount: _count.subscriptions,
      member: memberships.some((m) => m.status === "active"),
      invited: invitations.some((i) => invitationState(i, now) === "pending"),
      declinedUntil: until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null,
    };
  });
}

const PUBLIC_GROUP_LIMIT = 60;

/**
 * Partner groups anybody can find (/g and explore): active ones, newest first, optionally matching
 * a search (name and concern, folded), each with its current member causes and follower count.
 */
export async function listPublicGroups({ q, take = PUBLIC_GROUP_LIMIT }: { q?: string; take?: number } = {}) {
  const groups = await db.partnerGroup.findMany({
    where: { status: "active", ...(q ? searchContains(q) : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      slug: true,
      name: true,
      concern: true,
      language: true,
      memberships: {
        where: { status: "active", topic: { status: { in: [...LIVE_STATUSES] } } },
        orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
        select: { topic: { select: { slug: true, title: true, language: true } } },
      },
      ...activeFollowers,
    },
  });
  return groups.map(({ memberships, _count, ...group }) => ({
    ...group,
    members: memberships.map((m) => m.topic),
    followerCount: _count.subscriptions,
  }));
}

/** The active partner groups a cause currently belongs to, for its page. */
export async function listGroupsOfCause(topicId: string) {
  return db.partnerGroup.findMany({
    where: { status: "active", memberships: { some: { topicId, status: "active" } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { slug: true, name: true, language: true },
  });
}
