import "server-only";
import { db } from "@/lib/db";
import { dayKey, invitationState, isInvitationCode } from "./rules";

const DAY = 24 * 60 * 60 * 1000;

/**
 * The owner's refs of one cause with their aggregate counts: totals and the last 14 days.
 * Only numbers: nothing here can tell who visited or followed.
 */
export async function listShareRefs(topicId: string, ownerId: string, now = new Date()) {
  const refs = await db.shareRef.findMany({
    where: { topicId, topic: { ownerId }, personal: false },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    include: { days: { orderBy: { day: "desc" } } },
  });
  const recentDays = Array.from({ length: 14 }, (_, i) => dayKey(new Date(now.getTime() - i * DAY)));
  return refs.map(({ days, ...ref }) => {
    const byDay = new Map(days.map((d) => [d.day, d]));
    return {
      ...ref,
      visits: days.reduce((sum, d) => sum + d.visits, 0),
      follows: days.reduce((sum, d) => sum + d.follows, 0),
      recent: recentDays.map((day) => ({ day, visits: byDay.get(day)?.visits ?? 0, follows: byDay.get(day)?.follows ?? 0 })),
    };
  });
}

/** A ref of a cause owned by `ownerId`, for its QR code. */
export async function getOwnedRef(refId: string, ownerId: string) {
  return db.shareRef.findFirst({ where: { id: refId, topic: { ownerId } }, include: { topic: { select: { slug: true } } } });
}

/**
 * The owner's personal invitations of one cause: whom, the note, until when, and per invitation
 * only whether it was opened and whether someone followed through it — nothing else is known.
 */
export async function listInvitations(topicId: string, ownerId: string, now = new Date()) {
  const refs = await db.shareRef.findMany({
    where: { topicId, topic: { ownerId }, personal: true },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, code: true, label: true, note: true, createdAt: true, expiresAt: true, archivedAt: true, openedAt: true, followedAt: true },
  });
  return refs.map((ref) => ({ ...ref, state: invitationState(ref, now), opened: ref.openedAt !== null, followed: ref.followedAt !== null }));
}

/** An invitation as its link shows it: the note and the cause, or why it no longer holds. */
export async function getInvitation(code: string, now = new Date()) {
  if (!isInvitationCode(code)) return null;
  const ref = await db.shareRef.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      personal: true,
      label: true,
      note: true,
      expiresAt: true,
      archivedAt: true,
      topic: { select: { id: true, slug: true, title: true, summary: true, language: true, status: true, owner: { select: { name: true } } } },
    },
  });
  if (!ref?.personal) return null;
  return { ...ref, state: ref.topic.status === "published" ? invitationState(ref, now) : ("withdrawn" as const) };
}
