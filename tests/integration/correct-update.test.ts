/**
 * Correcting and deleting a published update: only its publisher can, a correction keeps the
 * entry (same id) with a note and costs no budget, a deletion drops the mails not sent yet.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getPushBudget, getUpdateInCause } from "@/lib/update/queries";
import { correctUpdate, deleteUpdate, publishUpdate } from "@/lib/update/mutations";
import { createPublishedCause, createUser } from "../support/factories";
import { followByEmail } from "../support/delivery";

describe("correcting an update", () => {
  it("changes the text in place with a dated note, for its publisher only, without using the budget", async () => {
    const [owner, stranger] = await Promise.all([createUser("owner"), createUser("stranger")]);
    const cause = await createPublishedCause(owner.id);
    const update = await publishUpdate(owner, { topicId: cause.id, kind: "news", title: "Meeting at 11", body: "See you at 11." });
    const budgetBefore = await getPushBudget(cause);

    await expect(correctUpdate(stranger, { updateId: update.id, title: "Hijacked", body: "x", note: "mine now" })).rejects.toMatchObject({ key: "notFound" });
    const at = new Date("2026-12-01T10:00:00Z");
    const corrected = await correctUpdate(owner, { updateId: update.id, title: "Meeting at 10", body: "See you at 10.", note: "Time corrected: 10, not 11" }, at);
    expect(corrected).toMatchObject({ id: update.id, title: "Meeting at 10", body: "See you at 10.", correctionNote: "Time corrected: 10, not 11", correctedAt: at, publishedAt: update.publishedAt });
    expect(await getPushBudget(cause)).toEqual(budgetBefore);
    expect(await db.update.count({ where: { topicId: cause.id } })).toBe(1);
  });
});

describe("deleting an update", () => {
  it("removes it and drops the mails not sent yet; sent ones stay recorded; nobody else can", async () => {
    const [owner, stranger] = await Promise.all([createUser("owner"), createUser("stranger")]);
    const cause = await createPublishedCause(owner.id);
    const update = await publishUpdate(owner, { topicId: cause.id, kind: "news", title: "Wrong news", body: "Oops." });
    const [a, b] = await Promise.all([followByEmail({ topicId: cause.id }), followByEmail({ topicId: cause.id })]);
    await db.delivery.createMany({
      data: [
        { subscriptionId: a.id, key: `u:${update.id}`, updateId: update.id, dueAt: new Date(), status: "pending" },
        { subscriptionId: b.id, key: `u:${update.id}`, updateId: update.id, dueAt: new Date(), status: "sent", sentAt: new Date() },
      ],
    });

    await expect(deleteUpdate(stranger, update.id)).rejects.toMatchObject({ key: "notFound" });
    expect(await db.update.findUnique({ where: { id: update.id } })).not.toBeNull();

    await deleteUpdate(owner, update.id);
    // Gone from every public view, but kept: the page 404s, the feed leaves it out.
    expect(await getUpdateInCause(cause.slug, update.id)).toBeNull();
    expect(await db.update.findUnique({ where: { id: update.id } })).toMatchObject({ deletedAt: expect.any(Date), hiddenAt: expect.any(Date) });
    const deliveries = await db.delivery.findMany({ where: { updateId: update.id }, orderBy: { status: "asc" } });
    expect(deliveries.map((d) => d.status).sort()).toEqual(["sent", "skipped"]);
    expect(deliveries.find((d) => d.status === "skipped")?.lastError).toBe("update deleted by its publisher");
    await expect(deleteUpdate(owner, update.id)).rejects.toMatchObject({ key: "notFound" });
  });

  it("still counts for the budget and the repetition guard: deleting and posting again sends nothing more", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const first = await publishUpdate(owner, { topicId: cause.id, kind: "news", title: "Demo tomorrow!", body: "Join us at the town hall." });
    const budget = await getPushBudget(cause);
    await deleteUpdate(owner, first.id);
    expect(await getPushBudget(cause)).toEqual(budget);
    await expect(publishUpdate(owner, { topicId: cause.id, kind: "news", title: "Demo tomorrow!", body: "Join us at the town hall." })).rejects.toMatchObject({ key: "repetition" });
  });
});

describe("updates under moderation", () => {
  it("cannot be corrected while reported or hidden, so the operators judge the text as it was", async () => {
    const [owner, reporter] = await Promise.all([createUser("owner"), createUser("reporter")]);
    const cause = await createPublishedCause(owner.id);
    const update = await publishUpdate(owner, { topicId: cause.id, kind: "news", title: "Something rude", body: "Rude words." });
    const correction = { updateId: update.id, title: "Something nice", body: "Nice words.", note: "Toned down" };
    const report = await db.report.create({ data: { updateId: update.id, reason: "harassment", reporterId: reporter.id } });
    await expect(correctUpdate(owner, correction)).rejects.toMatchObject({ key: "updateUnderModeration" });
    await db.report.update({ where: { id: report.id }, data: { status: "dismissed" } });
    await db.update.update({ where: { id: update.id }, data: { hiddenAt: new Date(), hiddenReason: "Harassment" } });
    await expect(correctUpdate(owner, correction)).rejects.toMatchObject({ key: "updateUnderModeration" });
    expect(await db.update.findUnique({ where: { id: update.id } })).toMatchObject({ title: "Something rude", correctedAt: null });
    // A deleted update keeps its reports for the operators.
    await deleteUpdate(owner, update.id);
    expect(await db.report.count({ where: { updateId: update.id } })).toBe(1);
  });
});
