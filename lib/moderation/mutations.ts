import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { withRate } from "@/lib/rate-limit/limiter";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import type { ModerationAction, ReportTarget } from "./rules";
import type { AppealInput, FileReportInput, ModerationDecisionInput } from "./schema";

type Actor = Pick<CurrentUser, "id">;

/** Where a target's reports are: an update's own, a cause's (its updates' included), a group's. */
const reportsOf = (target: ReportTarget) =>
  target.kind === "update" ? { updateId: target.id } : target.kind === "cause" ? { topicId: target.id } : { groupId: target.id };

/** Something the public can see, so it can be reported: anything else looks unknown. */
async function findReportable(target: ReportTarget) {
  if (target.kind === "cause") {
    const topic = await db.topic.findFirst({ where: { id: target.id, status: { in: [...LIVE_STATUSES] } }, select: { id: true } });
    return topic ? { topicId: topic.id } : null;
  }
  if (target.kind === "update") {
    const update = await db.update.findFirst({
      where: { id: target.id, hiddenAt: null, topic: { status: { in: [...LIVE_STATUSES] } } },
      select: { id: true, topicId: true },
    });
    return update ? { updateId: update.id, topicId: update.topicId } : null;
  }
  const group = await db.partnerGroup.findFirst({ where: { id: target.id, status: { in: ["active", "archived"] } }, select: { id: true } });
  return group ? { groupId: group.id } : null;
}

/**
 * Anyone reports a cause, update or group. The reported party never learns who; operators see the
 * reason and the note only. Limited per client, per account and once a day per client and target.
 * Returns false when the limit said no (the caller answers with a "try later" message).
 */
export async function fileReport(input: FileReportInput & { client?: string | null }, reporter: Actor | null) {
  const where = await findReportable(input.target);
  if (!where) throw new DomainError("notFound");
  const about = `${input.target.kind}:${input.target.id}`;
  const create = () => db.report.create({ data: { ...where, reason: input.reason, note: input.note, reporterId: reporter?.id ?? null } });
  if (!input.client && !reporter) return withRate("reportUnknownClient", { target: about, client: "unknown" }, create);
  const who = input.client ?? reporter!.id;
  return withRate("report", { target: `${who}|${about}`, client: input.client, account: reporter?.id }, create);
}

function log(tx: Tx, operator: Actor, action: ModerationAction, target: { type: string; id: string; label: string }, reason: string) {
  return tx.moderationLog.create({
    data: { action, targetType: target.type, targetId: target.id, targetLabel: target.label.slice(0, 200), reason, actorId: operator.id },
  });
}

async function settleReports(tx: Tx, target: ReportTarget, status: "dismissed" | "actioned", now: Date) {
  const { count } = await tx.report.updateMany({ where: { ...reportsOf(target), status: "open" }, data: { status, resolvedAt: now } });
  return count;
}

/**
 * Suspends a cause, conditional on the status it had (which is remembered for lifting): when the
 * owner publishes or archives at the same moment, the status is read again and the suspension
 * still wins, so a concurrent owner action can neither undo it nor be restored over it.
 */
async function suspendTopic(tx: Tx, topicId: string, reason: string, now: Date) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const topic = await tx.topic.findUnique({ where: { id: topicId }, select: { id: true, status: true, title: true } });
    if (!topic || topic.status === "removed") throw new DomainError("notFound");
    if (topic.status === "suspended") return { topic, changed: false };
    const { count } = await tx.topic.updateMany({
      where: { id: topic.id, status: topic.status },
      data: { status: "suspended", suspendedFrom: topic.status, suspendedAt: now, suspendedReason: reason, appealNote: null, appealedAt: null },
    });
    if (count > 0) return { topic, changed: true };
  }
  throw new DomainError("moderationConflict");
}

/** Lifts a suspension: the cause is what it was before (published, archived or a draft). */
async function liftTopic(tx: Tx, topicId: string) {
  const topic = await tx.topic.findUnique({ where: { id: topicId }, select: { id: true, status: true, title: true, suspendedFrom: true } });
  if (!topic) throw new DomainError("notFound");
  if (topic.status !== "suspended") return { topic, changed: false };
  const { count } = await tx.topic.updateMany({
    where: { id: topic.id, status: "suspended" },
    data: { status: topic.suspendedFrom ?? "archived", suspendedFrom: null, suspendedAt: null, suspendedReason: null, appealNote: null, appealedAt: null },
  });
  return { topic, changed: count > 0 };
}

/**
 * An operator's decision about one target, with its reason, in one transaction with the append-only
 * log entry. Deciding twice (two operators at once, a double click) changes and logs nothing more.
 */
export async function decide(operator: Actor, input: ModerationDecisionInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    switch (input.decision) {
      case "dismiss": {
        // Nothing open any more (another operator decided a moment ago): nothing to log.
        if ((await settleReports(tx, input.target, "dismissed", now)) === 0) return { changed: false };
        await log(tx, operator, "dismiss", { type: input.target.kind, id: input.target.id, label: await targetLabel(tx, input.target) }, input.reason);
        return { changed: true };
      }
      case "hide_update":
      case "unhide_update": {
        if (input.target.kind !== "update") throw new DomainError("notFound");
        const update = await tx.update.findUnique({ where: { id: input.target.id }, select: { id: true, title: true } });
        if (!update) throw new DomainError("notFound");
        const hide = input.decision === "hide_update";
        const { count } = await tx.update.updateMany({
          where: { id: update.id, hiddenAt: hide ? null : { not: null } },
          data: hide ? { hiddenAt: now, hiddenReason: input.reason, appealNote: null, appealedAt: null } : { hiddenAt: null, hiddenReason: null, appealNote: null, appealedAt: null },
        });
        if (count === 0) return { changed: false };
        if (hide) await settleReports(tx, input.target, "actioned", now);
        // Mails of this update not yet sent are dropped by the worker's send-time check.
        await log(tx, operator, input.decision, { type: "update", id: update.id, label: update.title }, input.reason);
        return { changed: true };
      }
      case "suspend_cause": {
        const topicId = await causeOf(tx, input.target);
        const { topic, changed } = await suspendTopic(tx, topicId, input.reason, now);
        if (!changed) return { changed: false };
        await settleReports(tx, { kind: "cause", id: topic.id }, "actioned", now);
        await log(tx, operator, "suspend_cause", { type: "cause", id: topic.id, label: topic.title }, input.reason);
        return { changed: true };
      }
      case "lift_cause": {
        if (input.target.kind !== "cause") throw new DomainError("notFound");
        const { topic, changed } = await liftTopic(tx, input.target.id);
        if (changed) await log(tx, operator, "lift_cause", { type: "cause", id: topic.id, label: topic.title }, input.reason);
        return { changed };
      }
      case "suspend_group":
      case "lift_group": {
        if (input.target.kind !== "group") throw new DomainError("notFound");
        const suspend = input.decision === "suspend_group";
        // Conditional on the status read; a member leaving at the same moment makes us read again.
        for (let attempt = 0; attempt < 5; attempt++) {
          const group = await tx.partnerGroup.findUnique({ where: { id: input.target.id }, select: { id: true, name: true, status: true, suspendedFrom: true } });
          if (!group) throw new DomainError("notFound");
          if (suspend === (group.status === "suspended")) return { changed: false };
          const { count } = await tx.partnerGroup.updateMany({
            where: { id: group.id, status: group.status },
            data: suspend
              ? { status: "suspended", suspendedFrom: group.status, suspendedAt: now, suspendedReason: input.reason, appealNote: null, appealedAt: null }
              : { status: group.suspendedFrom ?? "archived", suspendedFrom: null, suspendedAt: null, suspendedReason: null, appealNote: null, appealedAt: null },
          });
          if (count === 0) continue;
          if (suspend) await settleReports(tx, input.target, "actioned", now);
          await log(tx, operator, input.decision, { type: "group", id: group.id, label: group.name }, input.reason);
          return { changed: true };
        }
        throw new DomainError("moderationConflict");
      }
      case "suspend_account": {
        const topicId = await causeOf(tx, input.target);
        const owner = await tx.topic.findUnique({ where: { id: topicId }, select: { owner: { select: { id: true, suspendedAt: true } } } });
        if (!owner?.owner) throw new DomainError("notFound");
        if (owner.owner.id === operator.id) throw new DomainError("cannotSuspendSelf");
        return suspendAccount(tx, operator, owner.owner, input.reason, now);
      }
      case "lift_account": {
        const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, suspendedAt: true } });
        if (!user) throw new DomainError("notFound");
        if (!user.suspendedAt) return { changed: false };
        // Conditional on the suspension we read: of two operators at once, one lifts and logs.
        const { count } = await tx.user.updateMany({ where: { id: user.id, suspendedAt: user.suspendedAt }, data: { suspendedAt: null, suspendedReason: null } });
        if (count === 0) return { changed: false };
        // Lift what the account suspension suspended (same moment), not causes suspended on their own.
        const causes = await tx.topic.findMany({ where: { ownerId: user.id, status: "suspended", suspendedAt: user.suspendedAt }, select: { id: true } });
        for (const cause of causes) await liftTopic(tx, cause.id);
        await log(tx, operator, "lift_account", accountLabel(user.id), input.reason);
        return { changed: true };
      }
    }
  });
}

/** The account cannot sign in any more, its sessions end, and its public causes are suspended. */
async function suspendAccount(tx: Tx, operator: Actor, user: { id: string; suspendedAt: Date | null }, reason: string, now: Date) {
  if (user.suspendedAt) return { changed: false };
  const { count } = await tx.user.updateMany({ where: { id: user.id, suspendedAt: null }, data: { suspendedAt: now, suspendedReason: reason } });
  if (count === 0) return { changed: false };
  await tx.session.deleteMany({ where: { userId: user.id } });
  const causes = await tx.topic.findMany({ where: { ownerId: user.id, status: { in: [...LIVE_STATUSES] } }, select: { id: true } });
  for (const cause of causes) {
    await suspendTopic(tx, cause.id, reason, now);
    await settleReports(tx, { kind: "cause", id: cause.id }, "actioned", now);
  }
  await log(tx, operator, "suspend_account", accountLabel(user.id), reason);
  return { changed: true };
}

/** Accounts are named in the log by id only: a display name is personal data the log would outlive. */
const accountLabel = (id: string) => ({ type: "account", id, label: id });

/** The cause a cause or update target belongs to. */
async function causeOf(tx: Tx, target: ReportTarget): Promise<string> {
  if (target.kind === "cause") return target.id;
  if (target.kind === "update") {
    const update = await tx.update.findUnique({ where: { id: target.id }, select: { topicId: true } });
    if (update) return update.topicId;
  }
  throw new DomainError("notFound");
}

async function targetLabel(tx: Tx, target: ReportTarget): Promise<string> {
  if (target.kind === "cause") return (await tx.topic.findUnique({ where: { id: target.id }, select: { title: true } }))?.title ?? target.id;
  if (target.kind === "update") return (await tx.update.findUnique({ where: { id: target.id }, select: { title: true } }))?.title ?? target.id;
  return (await tx.partnerGroup.findUnique({ where: { id: target.id }, select: { name: true } }))?.name ?? target.id;
}

/**
 * The publisher's one appeal against the suspension of their cause (or of a group their cause
 * administers) or against hiding one of their updates. A second appeal for the same decision is
 * refused; lifting and deciding again allows a new one.
 */
export async function appealSuspension(actor: Actor, input: AppealInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    if (input.target.kind === "update") {
      const update = await tx.update.findFirst({ where: { id: input.target.id, hiddenAt: { not: null }, deletedAt: null, topic: { ownerId: actor.id } }, select: { id: true, title: true } });
      if (!update) throw new DomainError("notFound");
      const { count } = await tx.update.updateMany({ where: { id: update.id, hiddenAt: { not: null }, appealedAt: null }, data: { appealNote: input.note, appealedAt: now } });
      if (count === 0) throw new DomainError("appealAlreadySent");
      await log(tx, actor, "appeal", { type: "update", id: update.id, label: update.title }, input.note);
      return;
    }
    if (input.target.kind === "cause") {
      const topic = await tx.topic.findFirst({ where: { id: input.target.id, ownerId: actor.id, status: "suspended" }, select: { id: true, title: true } });
      if (!topic) throw new DomainError("notFound");
      const { count } = await tx.topic.updateMany({ where: { id: topic.id, status: "suspended", appealedAt: null }, data: { appealNote: input.note, appealedAt: now } });
      if (count === 0) throw new DomainError("appealAlreadySent");
      await log(tx, actor, "appeal", { type: "cause", id: topic.id, label: topic.title }, input.note);
      return;
    }
    if (input.target.kind === "group") {
      const group = await tx.partnerGroup.findFirst({
        where: { id: input.target.id, status: "suspended", adminTopic: { ownerId: actor.id } },
        select: { id: true, name: true },
      });
      if (!group) throw new DomainError("notFound");
      const { count } = await tx.partnerGroup.updateMany({ where: { id: group.id, status: "suspended", appealedAt: null }, data: { appealNote: input.note, appealedAt: now } });
      if (count === 0) throw new DomainError("appealAlreadySent");
      await log(tx, actor, "appeal", { type: "group", id: group.id, label: group.name }, input.note);
      return;
    }
    throw new DomainError("notFound");
  });
}
