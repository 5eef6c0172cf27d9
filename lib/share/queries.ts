import "server-only";
import { db } from "@/lib/db";
import { dayKey } from "./rules";

const DAY = 24 * 60 * 60 * 1000;

/**
 * The owner's refs of one cause with their aggregate counts: totals and the last 14 days.
 * Only numbers: nothing here can tell who visited or followed.
 */
export async function listShareRefs(topicId: string, ownerId: string, now = new Date()) {
  const refs = await db.shareRef.findMany({
    where: { topicId, topic: { ownerId } },
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
