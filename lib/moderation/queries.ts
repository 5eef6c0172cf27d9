import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { groupReports, isOperatorAddress, type ReportSummary } from "./rules";

/**
 * Whether this signed-in person is an operator: a verified sign-in address listed in ADMIN_EMAILS.
 * Asked once per request: the header and the operators' pages share the answer (React cache).
 */
export const isOperator = cache(async function isOperator(userId: string | undefined): Promise<boolean> {
  if (!userId || env.ADMIN_EMAILS.length === 0) return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true, suspendedAt: true } });
  return Boolean(user?.emailVerified && !user.suspendedAt && isOperatorAddress(user.email, env.ADMIN_EMAILS));
});

const causeView = { id: true, slug: true, title: true, summary: true, body: true, language: true, status: true, ownerId: true, suspendedReason: true } as const;

/**
 * The moderation queue: open reports grouped by target, each with the content as the public sees
 * it. Never who reported.
 */
export async function getModerationQueue(take = 100) {
  // The most reported targets first, counted in the database: a flood of reports about one thing
  // cannot push other targets out of view.
  const targets = await db.report.groupBy({
    by: ["updateId", "topicId", "groupId"],
    where: { status: "open" },
    _count: { _all: true },
    _min: { createdAt: true },
    orderBy: [{ _count: { id: "desc" } }, { _min: { createdAt: "asc" } }],
    take,
  });
  const reports = targets.length
    ? await db.report.findMany({
        where: { status: "open", OR: targets.map((t) => (t.updateId ? { updateId: t.updateId } : t.topicId ? { topicId: t.topicId, updateId: null } : { groupId: t.groupId })) },
        orderBy: { createdAt: "desc" },
        take: 5000,
        select: { updateId: true, topicId: true, groupId: true, reason: true, note: true, createdAt: true },
      })
    : [];
  const summaries = groupReports(reports);
  const ids = (kind: ReportSummary["target"]["kind"]) => summaries.filter((s) => s.target.kind === kind).map((s) => s.target.id);
  const [causes, updates, groups] = await Promise.all([
    db.topic.findMany({ where: { id: { in: ids("cause") } }, select: causeView }),
    db.update.findMany({
      where: { id: { in: ids("update") } },
      select: { id: true, title: true, body: true, publishedAt: true, hiddenAt: true, topic: { select: causeView } },
    }),
    db.partnerGroup.findMany({ where: { id: { in: ids("group") } }, select: { id: true, slug: true, name: true, concern: true, description: true, language: true, status: true } }),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const [causeMap, updateMap, groupMap] = [byId(causes), byId(updates), byId(groups)];
  return summaries.map((summary) => ({
    ...summary,
    cause: summary.target.kind === "cause" ? causeMap.get(summary.target.id) ?? null : null,
    update: summary.target.kind === "update" ? updateMap.get(summary.target.id) ?? null : null,
    group: summary.target.kind === "group" ? groupMap.get(summary.target.id) ?? null : null,
  }));
}
export type QueueItem = Awaited<ReturnType<typeof getModerationQueue>>[number];

/** Everything currently suspended or hidden, with the reason and any appeal: what an operator may lift. */
export async function listSuspended() {
  const [causes, groups, accounts, updates] = await Promise.all([
    db.topic.findMany({
      where: { status: "suspended" },
      orderBy: [{ appealedAt: { sort: "desc", nulls: "last" } }, { suspendedAt: "desc" }],
      select: { id: true, slug: true, title: true, suspendedAt: true, suspendedReason: true, appealNote: true, appealedAt: true, owner: { select: { suspendedAt: true } } },
    }),
    db.partnerGroup.findMany({
      where: { status: "suspended" },
      orderBy: { suspendedAt: "desc" },
      select: { id: true, slug: true, name: true, suspendedAt: true, suspendedReason: true, appealNote: true, appealedAt: true },
    }),
    db.user.findMany({
      where: { suspendedAt: { not: null } },
      orderBy: { suspendedAt: "desc" },
      // Recognised by their causes, not by a name: operators need no more to decide.
      select: { id: true, suspendedAt: true, suspendedReason: true, topics: { select: { title: true }, take: 3 }, _count: { select: { topics: true } } },
    }),
    db.update.findMany({
      where: { hiddenAt: { not: null }, deletedAt: null },
      orderBy: { hiddenAt: "desc" },
      take: 100,
      select: { id: true, title: true, hiddenAt: true, hiddenReason: true, appealNote: true, appealedAt: true, topic: { select: { slug: true, title: true } } },
    }),
  ]);
  return { causes, groups, accounts, updates };
}

/** The append-only moderation log, newest first. */
export async function listModerationLog(take = 200) {
  return db.moderationLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}

/** For the publisher's dashboard: their suspended causes and hidden updates, with the operators' reasons. */
export async function getModerationNotices(ownerId: string) {
  const [causes, updates, groups] = await Promise.all([
    db.topic.findMany({
      where: { ownerId, status: "suspended" },
      select: { id: true, title: true, suspendedAt: true, suspendedReason: true, appealNote: true, appealedAt: true },
    }),
    db.update.findMany({
      where: { hiddenAt: { not: null }, deletedAt: null, topic: { ownerId } },
      orderBy: { hiddenAt: "desc" },
      select: { id: true, title: true, hiddenAt: true, hiddenReason: true, appealNote: true, appealedAt: true, topic: { select: { id: true, title: true } } },
    }),
    db.partnerGroup.findMany({
      where: { status: "suspended", adminTopic: { ownerId } },
      select: { id: true, name: true, suspendedAt: true, suspendedReason: true, appealNote: true, appealedAt: true },
    }),
  ]);
  return { causes, updates, groups };
}

/**
 * What a gone page may say: the title (or name) of a suspended or removed cause, a suspended group,
 * or a hidden update's cause (`slug` is the update's id then). Null when nothing is gone.
 */
export async function getGonePage(kind: string, slug: string) {
  if (kind === "group") {
    const group = await db.partnerGroup.findUnique({ where: { slug }, select: { name: true, status: true } });
    return group?.status === "suspended" ? { kind: "group" as const, title: group.name, reason: "suspended" as const } : null;
  }
  if (kind === "update") {
    // Only a really hidden update: nobody can link a false "removed by moderation" notice.
    const update = await db.update.findUnique({ where: { id: slug }, select: { hiddenAt: true, topic: { select: { title: true, slug: true, status: true } } } });
    if (!update?.hiddenAt) return null;
    const { topic } = update;
    return { kind: "update" as const, title: topic.title, slug: topic.slug, reason: "hidden" as const, causeLive: topic.status === "published" || topic.status === "archived" };
  }
  const topic = await db.topic.findUnique({ where: { slug }, select: { title: true, status: true } });
  if (kind === "cause" && (topic?.status === "suspended" || topic?.status === "removed")) {
    return { kind: "cause" as const, title: topic.title, reason: topic.status };
  }
  return null;
}
