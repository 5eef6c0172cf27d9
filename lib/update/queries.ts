import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import { budgetStatus, BUDGET_WINDOW_DAYS } from "./rules";

/**
 * What every public view, feed and mail may show of updates: not hidden by an operator, of a cause
 * that is neither a draft nor suspended or removed. "Nothing is delivered that the page does not show."
 */
export const VISIBLE_UPDATE = { hiddenAt: null, topic: { status: { in: [...LIVE_STATUSES] } } };

/** Updates of one cause, newest first. */
export async function listCauseUpdates(topicId: string, take = 50) {
  return db.update.findMany({
    where: { topicId, hiddenAt: null },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
  });
}

/**
 * One update by id, only when it belongs to the cause with that slug. Asked once per request: the
 * update's page and its metadata share the answer (React cache).
 */
export const getUpdateInCause = cache(async function getUpdateInCause(slug: string, updateId: string) {
  return db.update.findFirst({ where: { id: updateId, hiddenAt: null, topic: { slug } } });
});

/** How much of a cause's 7-day push budget is used, and when the next slot frees up. */
export async function getPushBudget(topic: { id: string; pushBudget: number }, now = new Date()) {
  const recent = await db.update.findMany({
    where: { topicId: topic.id, publishedAt: { gt: new Date(now.getTime() - BUDGET_WINDOW_DAYS * 24 * 60 * 60 * 1000) } },
    select: { publishedAt: true },
  });
  return { budget: topic.pushBudget, ...budgetStatus(recent.map((u) => u.publishedAt), topic.pushBudget, now) };
}

/** One of the owner's own updates, for the correction page; null for anybody else's id. */
export async function getOwnUpdate(updateId: string, userId: string) {
  return db.update.findFirst({
    where: { id: updateId, deletedAt: null, topic: { ownerId: userId } },
    include: { topic: { select: { id: true, slug: true, title: true } } },
  });
}
