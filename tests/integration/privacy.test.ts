/**
 * Data rights (DSGVO Art. 15, 17, 20): a person downloads everything the app holds about them,
 * deletes their account in one step (causes gone, followers told "removed by its publisher",
 * group admin handed on, nothing else kept), and signs up again with the same address to find
 * nothing; an email-only follower does the same for an address; the retention pass deletes what
 * the privacy notice says is kept only so long.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createGroup, inviteCause, leaveGroup, respondToInvitation } from "@/lib/group/mutations";
import { decide, fileReport } from "@/lib/moderation/mutations";
import { buildAccountExport, buildAddressExport } from "@/lib/privacy/export";
import { deleteAccount, forgetAddress } from "@/lib/privacy/mutations";
import { runRetention } from "@/lib/privacy/retention";
import { requestEmailFollow } from "@/lib/subscription/email/mutations";
import { followCause, leaveCause } from "@/lib/subscription/mutations";
import { getReaderFeed } from "@/lib/subscription/queries";
import { createCause } from "@/lib/topic/mutations";
import { followByEmail, publish } from "../support/delivery";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const DAY = 24 * 60 * 60 * 1000;

async function publisherWithFollowers() {
  const owner = await createUser("owner");
  const cause = await createPublishedCause(owner.id, { title: `Bäume ${stamp()}` });
  await publish(cause.id, new Date(), { title: "Pflanztag" });
  const reader = await createUser();
  await followCause(reader, { topicId: cause.id, source: `/c/${cause.slug}` });
  return { owner, cause, reader };
}

describe("download my data", () => {
  it("holds my account, my causes with updates, my follows with their ledgers and my reports, and nobody else's identity", async () => {
    const { owner, cause, reader } = await publisherWithFollowers();
    const other = await createPublishedCause((await createUser("other")).id);
    await followCause(owner, { topicId: other.id, source: `/c/${other.slug}` });
    await fileReport({ target: { kind: "cause", id: other.id }, reason: "spam", note: "looks odd", client: "203.0.113.50" }, owner);
    const data = await buildAccountExport(owner.id);
    const json = JSON.parse(JSON.stringify(data));
    expect(json.account).toMatchObject({ id: owner.id, email: owner.email });
    expect(json.causes).toEqual([expect.objectContaining({ slug: cause.slug, followerCount: 1, updates: [expect.objectContaining({ title: "Pflanztag" })] })]);
    expect(json.follows).toEqual([expect.objectContaining({ follows: { kind: "cause", slug: other.slug, title: other.title }, consentLedger: [expect.objectContaining({ action: "subscribe" })] })]);
    expect(json.reportsFiled).toEqual([expect.objectContaining({ about: { cause: other.slug }, reason: "spam", note: "looks odd" })]);
    // Followers are a count: no reader id or address anywhere in the publisher's export.
    expect(JSON.stringify(json)).not.toContain(reader.id);
    expect(JSON.stringify(json)).not.toContain(reader.email!);
    expect(JSON.stringify(json)).not.toContain("203.0.113.50");
  });
});

describe("delete my account", () => {
  it("removes causes and updates; followers see 'removed by its publisher'; the address starts anew", async () => {
    const { owner, cause, reader } = await publisherWithFollowers();
    await db.user.update({ where: { id: owner.id }, data: { emailVerified: new Date() } }); // signed in by email link
    const lonely = await createPublishedCause(owner.id); // nobody follows it: gone entirely
    const draft = await createCause(owner, { title: "Entwurf", summary: "", body: "", tags: [], language: "de", pushBudget: 3, slug: "" });
    const followed = await createPublishedCause((await createUser("other")).id);
    await followCause(owner, { topicId: followed.id, source: "/" });
    await followByEmail({ email: owner.email!, topicId: followed.id }); // the same address, without account
    const address = owner.email!;

    expect(await deleteAccount(owner.id)).toEqual({ deleted: true });

    expect(await db.user.findUnique({ where: { id: owner.id } })).toBeNull();
    expect(await db.topic.findUnique({ where: { id: lonely.id } })).toBeNull();
    expect(await db.topic.findUnique({ where: { id: draft.id } })).toBeNull();
    expect(await db.topic.findUniqueOrThrow({ where: { id: cause.id } })).toMatchObject({ status: "removed", ownerId: null, summary: "", body: "" });
    expect(await db.update.count({ where: { topicId: cause.id } })).toBe(0);
    expect(await db.subscription.count({ where: { OR: [{ email: address }, { userId: owner.id }] } })).toBe(0);
    const feed = await getReaderFeed(reader.id);
    expect(feed.ended).toEqual([expect.objectContaining({ kind: "cause", title: cause.title, reason: "removed" })]);

    const again = await db.user.create({ data: { email: address } });
    const fresh = JSON.parse(JSON.stringify(await buildAccountExport(again.id)));
    expect(fresh.causes).toEqual([]);
    expect(fresh.follows).toEqual([]);
    expect(fresh.reportsFiled).toEqual([]);
  });

  it("leaves an unverified address's email-only follows alone: they may be somebody else's", async () => {
    const owner = await createUser("oauth"); // e.g. GitHub: the address was never proven
    const cause = await createPublishedCause((await createUser("other")).id);
    const theirs = await followByEmail({ email: owner.email!, topicId: cause.id });
    const data = JSON.parse(JSON.stringify(await buildAccountExport(owner.id)));
    expect(data.follows).toEqual([]);
    await deleteAccount(owner.id);
    expect(await db.subscription.findUnique({ where: { id: theirs.id } })).not.toBeNull();
  });

  it("keeps a cause as a tombstone when only former followers' consent records name it", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const former = await followByEmail({ topicId: cause.id, status: "left" });
    await deleteAccount(owner.id);
    expect(await db.topic.findUniqueOrThrow({ where: { id: cause.id } })).toMatchObject({ status: "removed" });
    expect(await db.consentEvent.count({ where: { subscriptionId: former.id } })).toBe(1);
  });

  it("hands a group's admin to the longest-standing other member", async () => {
    const admin = await createUser("admin");
    const partner = await createUser("partner");
    const [adminCause, partnerCause] = await Promise.all([createPublishedCause(admin.id), createPublishedCause(partner.id)]);
    const group = await createGroup(admin, { topicId: adminCause.id, name: `Gruppe ${stamp()}`, concern: "Saubere Luft für alle", description: "", tags: [], language: "de", slug: "" });
    const invitation = await inviteCause(admin, { groupId: group.id, topicId: partnerCause.id, note: "" });
    await respondToInvitation(partner, { invitationId: invitation.id, response: "accept" });
    await deleteAccount(admin.id);
    expect(await db.partnerGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ status: "active", adminTopicId: partnerCause.id });
  });

  it("keeps reports the person filed, without them", async () => {
    const reporter = await createUser("reporter");
    const cause = await createPublishedCause((await createUser("owner")).id);
    const report = await fileReport({ target: { kind: "cause", id: cause.id }, reason: "other", note: "", client: null }, reporter);
    await deleteAccount(reporter.id);
    expect(await db.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ reporterId: null });
  });
});

describe("an email-only follower's address", () => {
  it("downloads everything about it, and 'forget this address' ends and deletes every follow", async () => {
    const owner = await createUser("owner");
    const [a, b] = await Promise.all([createPublishedCause(owner.id), createPublishedCause(owner.id)]);
    const email = `forget-${stamp()}@example.org`;
    await followByEmail({ email, topicId: a.id });
    await requestEmailFollow({ email, topicId: b.id, source: "/", timeZone: null, locale: "de" });
    const data = await buildAddressExport(email);
    expect(data.follows.map((f) => f.follows)).toEqual([
      { kind: "cause", slug: a.slug, title: a.title },
      { kind: "cause", slug: b.slug, title: b.title },
    ]);
    expect(data.follows[0].consentLedger).toEqual([expect.objectContaining({ action: "confirm" })]);

    expect(await forgetAddress(email)).toEqual({ subscriptions: 2 });
    expect(await db.subscription.count({ where: { email } })).toBe(0);
    expect(await db.consentEvent.count({ where: { subscription: { email } } })).toBe(0);
    expect(await db.outboxMail.count({ where: { to: email } })).toBe(0);
  });
});

describe("the retention pass", () => {
  it("deletes left follows after three years, unconfirmed addresses after thirty days, ended tombstones; keeps the rest", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const now = new Date();
    const oldLeft = await followByEmail({ topicId: cause.id, status: "left" });
    await db.subscription.update({ where: { id: oldLeft.id }, data: { leftAt: new Date(now.getTime() - 3 * 366 * DAY) } });
    const recentLeft = await followByEmail({ topicId: cause.id, status: "left" });
    await db.subscription.update({ where: { id: recentLeft.id }, data: { leftAt: new Date(now.getTime() - 300 * DAY) } });
    const staleRequest = await followByEmail({ topicId: cause.id, status: "pending", emailSince: null });
    await db.subscription.update({ where: { id: staleRequest.id }, data: { createdAt: new Date(now.getTime() - 31 * DAY) } });
    const freshRequest = await followByEmail({ topicId: cause.id, status: "pending", emailSince: null });
    const active = await followByEmail({ topicId: cause.id });
    const tombstone = await createPublishedCause((await createUser("gone")).id);
    await db.topic.update({ where: { id: tombstone.id }, data: { status: "removed", ownerId: null, removedAt: now } });

    const removed = await runRetention(now);
    expect(removed.leftSubscriptions).toBeGreaterThanOrEqual(1);
    const alive = new Set((await db.subscription.findMany({ where: { topicId: cause.id }, select: { id: true } })).map((s) => s.id));
    expect(alive.has(oldLeft.id)).toBe(false);
    expect(alive.has(staleRequest.id)).toBe(false);
    expect(alive.has(recentLeft.id) && alive.has(freshRequest.id) && alive.has(active.id)).toBe(true);
    expect(await db.consentEvent.count({ where: { subscriptionId: oldLeft.id } })).toBe(0);
    expect(await db.topic.findUnique({ where: { id: tombstone.id } })).toBeNull();
  });

  it("keeps a tombstone while anybody follows it or their proof of consent names it", async () => {
    const { owner, cause, reader } = await publisherWithFollowers();
    await deleteAccount(owner.id);
    await runRetention(new Date());
    expect(await db.topic.findUnique({ where: { id: cause.id } })).not.toBeNull();
    await leaveCause(reader, { topicId: cause.id, source: "/feed" });
    await runRetention(new Date());
    expect(await db.topic.findUnique({ where: { id: cause.id } })).not.toBeNull(); // the leave is proof for three years
    await runRetention(new Date(Date.now() + 3 * 366 * DAY));
    expect(await db.topic.findUnique({ where: { id: cause.id } })).toBeNull();
  });

  it("ends follows of a tombstone after a year, in their ledgers", async () => {
    const { owner, cause, reader } = await publisherWithFollowers();
    await deleteAccount(owner.id);
    await runRetention(new Date(Date.now() + 366 * DAY));
    const subscription = await db.subscription.findFirstOrThrow({ where: { userId: reader.id, topicId: cause.id }, include: { events: { orderBy: { createdAt: "asc" } } } });
    expect(subscription.status).toBe("left");
    expect(subscription.events.at(-1)).toMatchObject({ action: "leave", detail: "ended: cause removed by its publisher" });
  });

  it("sends an unconfirmed repeat request back to 'left', keeping the earlier proof", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const sub = await followByEmail({ topicId: cause.id }); // confirmed long ago (its confirm event)
    await db.subscription.update({ where: { id: sub.id }, data: { status: "pending", confirmSentAt: new Date(Date.now() - 31 * DAY), leftAt: new Date(Date.now() - 40 * DAY) } });
    await runRetention(new Date());
    expect(await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).toMatchObject({ status: "left" });
    expect(await db.consentEvent.count({ where: { subscriptionId: sub.id, action: "confirm" } })).toBe(1);
  });

  it("never touches a suspended account's data (moderation keeps its record)", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    await decide(await createUser("operator"), { decision: "suspend_account", target: { kind: "cause", id: cause.id }, reason: "spam" });
    await runRetention(new Date());
    expect(await db.topic.findUniqueOrThrow({ where: { id: cause.id } })).toMatchObject({ status: "suspended" });
  });
});

describe("starting anew", () => {
  it("is not held back by the old account's sign-in limits", async () => {
    const { signInMailAllowed } = await import("@/lib/auth/options");
    const user = await createUser("again");
    expect(await signInMailAllowed(user.email!, null)).toBe(true);
    expect(await signInMailAllowed(user.email!, null)).toBe(false); // one a minute
    await deleteAccount(user.id);
    expect(await signInMailAllowed(user.email!, null)).toBe(true);
  });
});

describe("groups and deletion", () => {
  it("a group only the deleted person was in goes with them: its name and texts are theirs", async () => {
    const owner = await createUser("solo");
    const cause = await createPublishedCause(owner.id);
    const group = await createGroup(owner, { topicId: cause.id, name: `Allein ${stamp()}`, concern: "Nur wir selbst", description: "Persönliche Beschreibung", tags: [], language: "de", slug: "" });
    await deleteAccount(owner.id);
    expect(await db.partnerGroup.findUnique({ where: { id: group.id } })).toBeNull();
  });

  it("a suspended group stays suspended when its last member leaves", async () => {
    const owner = await createUser("suspended-group");
    const cause = await createPublishedCause(owner.id);
    const group = await createGroup(owner, { topicId: cause.id, name: `Gesperrt ${stamp()}`, concern: "Wird gesperrt", description: "", tags: [], language: "de", slug: "" });
    await decide(await createUser("operator"), { decision: "suspend_group", target: { kind: "group", id: group.id }, reason: "Spam" });
    await leaveGroup(owner, { groupId: group.id, topicId: cause.id });
    expect(await db.partnerGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ status: "suspended", suspendedFrom: "archived" });
  });
});
