/**
 * Following and leaving: only the acting reader is ever subscribed, every change leaves a consent
 * event, both directions are idempotent, and leaving by signed token needs no sign-in.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { followCause, leaveByToken, leaveCause } from "@/lib/subscription/mutations";
import { CONSENT_TEXT_VERSION, signLeaveToken } from "@/lib/subscription/rules";
import { followCauseSchema } from "@/lib/subscription/schema";
import { createPublishedCause, createUser } from "../support/factories";

async function activeFollowers(topicId: string) {
  return db.subscription.count({ where: { topicId, status: "active" } });
}

describe("following a cause", () => {
  it("subscribes the acting reader and records the consent", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);

    const subscription = await followCause(reader, { topicId: cause.id, source: `/c/${cause.slug}` });

    expect(subscription.userId).toBe(reader.id);
    expect(await activeFollowers(cause.id)).toBe(1);
    const events = await db.consentEvent.findMany({ where: { subscriptionId: subscription.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "subscribe", source: `/c/${cause.slug}`, consentVersion: CONSENT_TEXT_VERSION });
  });

  it("is idempotent: following twice keeps one subscription and one consent event", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);
    await followCause(reader, { topicId: cause.id, source: "/" });
    await followCause(reader, { topicId: cause.id, source: "/" });
    expect(await db.subscription.count({ where: { topicId: cause.id } })).toBe(1);
    expect(await db.consentEvent.count({ where: { topicId: cause.id } })).toBe(1);
  });

  it("offers no way to subscribe somebody else: a smuggled user id is refused", async () => {
    const [owner, reader, victim] = await Promise.all([createUser("owner"), createUser(), createUser("victim")]);
    const cause = await createPublishedCause(owner.id);

    const parsed = followCauseSchema.safeParse({ topicId: cause.id, source: "/", userId: victim.id });
    expect(parsed.success).toBe(false);

    // Even if extra fields reached the domain function, it only knows the actor.
    await followCause(reader, { topicId: cause.id, source: "/", userId: victim.id } as never);
    expect(await db.subscription.count({ where: { userId: victim.id } })).toBe(0);
    expect(await db.subscription.count({ where: { userId: reader.id, topicId: cause.id } })).toBe(1);
  });

  it("refuses drafts, archived and unknown causes without writing anything", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const draft = await db.topic.create({ data: { slug: `draft-${reader.id}`, title: "Draft", ownerId: owner.id } });
    const archived = await createPublishedCause(owner.id);
    await db.topic.update({ where: { id: archived.id }, data: { status: "archived" } });

    await expect(followCause(reader, { topicId: draft.id, source: "/" })).rejects.toMatchObject({ key: "notFound" });
    await expect(followCause(reader, { topicId: archived.id, source: "/" })).rejects.toMatchObject({ key: "causeArchived" });
    await expect(followCause(reader, { topicId: "doesnotexist00000", source: "/" })).rejects.toMatchObject({ key: "notFound" });
    expect(await db.subscription.count({ where: { userId: reader.id } })).toBe(0);
    expect(await db.consentEvent.count({ where: { subscription: { userId: reader.id } } })).toBe(0);
  });
});

describe("leaving a cause", () => {
  it("ends the subscription, records it, and is idempotent", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);
    const subscription = await followCause(reader, { topicId: cause.id, source: "/" });

    await leaveCause(reader, { topicId: cause.id, source: "/feed" });
    await leaveCause(reader, { topicId: cause.id, source: "/feed" });

    expect(await activeFollowers(cause.id)).toBe(0);
    const actions = (await db.consentEvent.findMany({ where: { subscriptionId: subscription.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["subscribe", "leave"]);
  });

  it("lets a reader follow again after leaving, with a new 'since' date", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);
    const first = await followCause(reader, { topicId: cause.id, source: "/" });
    await leaveCause(reader, { topicId: cause.id, source: "/" });
    const again = await followCause(reader, { topicId: cause.id, source: "/" });
    expect(again.id).toBe(first.id);
    expect(again.status).toBe("active");
    expect(again.since.getTime()).toBeGreaterThanOrEqual(first.since.getTime());
    expect(await db.consentEvent.count({ where: { subscriptionId: first.id } })).toBe(3);
  });

  it("leaves by signed token without a session, once, and refuses forged tokens", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);
    const subscription = await followCause(reader, { topicId: cause.id, source: "/" });
    const token = signLeaveToken(subscription.id, env.AUTH_SECRET);

    expect(await leaveByToken(`${subscription.id}.${"A".repeat(32)}`, "/leave")).toBeNull();
    expect(await activeFollowers(cause.id)).toBe(1);

    expect(await leaveByToken(token, "/leave")).toMatchObject({ slug: cause.slug });
    expect(await leaveByToken(token, "/leave")).toMatchObject({ slug: cause.slug });
    expect(await activeFollowers(cause.id)).toBe(0);
    expect(await db.consentEvent.count({ where: { subscriptionId: subscription.id, action: "leave" } })).toBe(1);
  });
});
