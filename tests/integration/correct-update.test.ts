/**
 * Correcting and deleting a published update: only its publisher can, a correction keeps the
 * entry (same id) with a note and costs no budget, a deletion drops the mails not sent yet.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getPushBudget } from "@/lib/update/queries";
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
    expect(await db.update.findUnique({ where: { id: update.id } })).toBeNull();
    const deliveries = await db.delivery.findMany({ where: { updateId: update.id }, orderBy: { status: "asc" } });
    expect(deliveries.map((d) => d.status).sort()).toEqual(["sent", "skipped"]);
    expect(deliveries.find((d) => d.status === "skipped")?.lastError).toBe("update deleted by its publisher");
    await expect(deleteUpdate(owner, update.id)).rejects.toMatchObject({ key: "notFound" });
  });
});
