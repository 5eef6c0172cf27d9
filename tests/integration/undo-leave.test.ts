/**
 * Undo after leaving from Mein Feed: the reader's own subscription, within minutes, as a new
 * "subscribe" event that says it was an undo. Nobody else's, and not after the window.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { followCause, leaveSubscription } from "@/lib/subscription/mutations";
import { recentlyLeft, UNDO_LEAVE_MINUTES, UNDO_SOURCE, undoLeave } from "@/lib/subscription/undo";
import { createPublishedCause, createUser } from "../support/factories";

describe("undo a leave", () => {
  it("follows again, once, with a ledger entry that names the undo", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);
    const subscription = await followCause(reader, { topicId: cause.id, source: "/" });
    await leaveSubscription(reader, { subscriptionId: subscription.id, source: "/feed" });
    expect(await recentlyLeft(reader, subscription.id)).toMatchObject({ id: subscription.id, title: cause.title });

    // A double click on Undo: one re-follow, one event.
    await Promise.all([undoLeave(reader, subscription.id), undoLeave(reader, subscription.id).catch(() => null)]);
    expect(await db.subscription.findUnique({ where: { id: subscription.id } })).toMatchObject({ status: "active" });
    const events = await db.consentEvent.findMany({ where: { subscriptionId: subscription.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.source])).toEqual([
      ["subscribe", "/"],
      ["leave", "/feed"],
      ["subscribe", UNDO_SOURCE],
    ]);
    // Nothing left to undo now.
    await expect(undoLeave(reader, subscription.id)).rejects.toMatchObject({ key: "undoExpired" });
  });

  it("refuses another reader's subscription and a leave older than the window", async () => {
    const [owner, reader, stranger] = await Promise.all([createUser("owner"), createUser(), createUser()]);
    const cause = await createPublishedCause(owner.id);
    const subscription = await followCause(reader, { topicId: cause.id, source: "/" });
    await leaveSubscription(reader, { subscriptionId: subscription.id, source: "/feed" });
    await expect(undoLeave(stranger, subscription.id)).rejects.toMatchObject({ key: "undoExpired" });
    expect(await db.subscription.findFirst({ where: { userId: stranger.id } })).toBeNull();

    await db.subscription.update({ where: { id: subscription.id }, data: { leftAt: new Date(Date.now() - (UNDO_LEAVE_MINUTES + 1) * 60_000) } });
    await expect(undoLeave(reader, subscription.id)).rejects.toMatchObject({ key: "undoExpired" });
    expect(await db.subscription.findUnique({ where: { id: subscription.id } })).toMatchObject({ status: "left" });
  });
});
