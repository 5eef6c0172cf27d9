import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db, isPostgres } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { budgetStatus, findRepetition, REPETITION_WINDOW_DAYS } from "./rules";
import type { CorrectUpdateInput, PublishUpdateInput, UpdateSchedule } from "./schema";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Publishes an update of the actor's own published cause. It writes exactly one row: nothing is
 * sent and nothing is copied per follower; readers pull it into their feed.
 */
export async function publishUpdate(actor: Pick<CurrentUser, "id">, input: PublishUpdateInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    // One publish at a time per cause, so two quick clicks cannot both take the last slot.
    if (isPostgres) await tx.$executeRaw`SELECT id FROM "Topic" WHERE id = ${input.topicId} FOR UPDATE`;
    const topic = await tx.topic.findFirst({ where: { id: input.topicId, ownerId: actor.id } });
    if (!topic) throw new DomainError("notFound");
    if (topic.status !== "published") throw new DomainError("causeNotPublished");

    const recent = await tx.update.findMany({
      where: { topicId: topic.id, publishedAt: { gt: new Date(now.getTime() - REPETITION_WINDOW_DAYS * DAY) } },
      select: { title: true, body: true, publishedAt: true },
    });
    const budget = budgetStatus(recent.map((u) => u.publishedAt), topic.pushBudget, now);
    // Over budget the answer is "later, by you" — nothing is queued to go out behind readers' backs.
    if (budget.remaining === 0) throw new DomainError("overBudget", undefined, { budget: topic.pushBudget, date: budget.nextSlotAt! });
    const repeated = findRepetition(input, recent, now);
    if (repeated) throw new DomainError("repetition", "body", { date: repeated.publishedAt });

    return tx.update.create({
      data: { topicId: topic.id, title: input.title, body: input.body, publishedAt: now, ...scheduleData(input) },
      include: { topic: { select: { slug: true } } },
    });
  });
}

/** The stored form of an update's kind and times (news: none). */
function scheduleData(input: UpdateSchedule) {
  const kind = input.kind ?? "news";
  return {
    kind,
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    place: input.place ?? null,
    deadline: input.deadline ?? null,
    callUrl: input.callUrl ?? null,
    timeZone: kind === "news" ? null : (input.timeZone ?? null),
  };
}

/** The times and place of a stored schedule, without its kind (a correction keeps the kind). */
const timesOf = ({ startsAt, endsAt, place, deadline, callUrl, timeZone }: ReturnType<typeof scheduleData>) => ({ startsAt, endsAt, place, deadline, callUrl, timeZone });

/** One of the actor's own updates, or "not found" (anybody else's id, or a deleted one, looks the same). */
async function findOwnUpdate(actor: Pick<CurrentUser, "id">, updateId: string) {
  const update = await db.update.findFirst({
    where: { id: updateId, deletedAt: null, topic: { ownerId: actor.id } },
    include: { topic: { select: { id: true, slug: true, status: true } }, _count: { select: { reports: { where: { status: "open" } } } } },
  });
  if (!update) throw new DomainError("notFound");
  return update;
}

/**
 * Corrects a published update in place: the same entry (same id and address, so feeds update it
 * rather than add one), new text, and a note with the date that page, feeds and later mails show.
 * Not a new update: no push budget, no repetition guard. Not while the operators are looking at it
 * (an open report) or have hidden it, nor on a suspended cause: the text they judge stays as it is.
 */
export async function correctUpdate(actor: Pick<CurrentUser, "id">, input: CorrectUpdateInput, now = new Date()) {
  const update = await findOwnUpdate(actor, input.updateId);
  if (update.hiddenAt || update.topic.status === "suspended") throw new DomainError("updateUnderModeration");
  if (update._count.reports > 0) throw new DomainError("updateUnderModeration");
  // The kind stays: an event's correction may move its date, never make it news.
  if (input.kind && input.kind !== update.kind) throw new DomainError("kindInvalid", "kind");
  const times = input.kind && update.kind !== "news" ? timesOf(scheduleData(input)) : {};
  return db.update.update({
    where: { id: update.id },
    data: { title: input.title, body: input.body, correctionNote: input.note, correctedAt: now, ...times },
    include: { topic: { select: { id: true, slug: true } } },
  });
}

/**
 * Deletes one of the actor's updates: gone from the page and every feed (hidden everywhere, marked
 * deleted), and its mails not sent yet are dropped (digests composed later leave it out). The row
 * stays: the push budget and the repetition guard still count it (deleting and posting again must
 * not send more), and open reports keep their evidence for the operators.
 */
export async function deleteUpdate(actor: Pick<CurrentUser, "id">, updateId: string, now = new Date()) {
  const update = await findOwnUpdate(actor, updateId);
  await db.$transaction([
    db.delivery.updateMany({ where: { updateId: update.id, status: "pending" }, data: { status: "skipped", lastError: "update deleted by its publisher", leaseUntil: null, leasedBy: null } }),
    db.update.update({ where: { id: update.id }, data: { deletedAt: now, hiddenAt: update.hiddenAt ?? now } }),
  ]);
  return update;
}
