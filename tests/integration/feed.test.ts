/**
 * "Mein Feed": a query over the reader's own subscriptions, newest first, paged by cursor, with
 * read/unread and the reason each item is there.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { followCause, leaveCause, markFeedRead, markUpdateRead, markUpdateUnread } from "@/lib/subscription/mutations";
import { FEED_PAGE_SIZE, getReaderFeed } from "@/lib/subscription/queries";
import { createPublishedCause, createUser } from "../support/factories";

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe("reader feed", () => {
  it("is empty until the reader follows something", async () => {
    const reader = await createUser();
    expect(await getReaderFeed(reader.id)).toEqual({ items: [], nextCursor: null, followingCount: 0, ended: [] });
  });

  it("shows updates of followed causes only, newest first, with why they are there", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const followed = await createPublishedCause(owner.id);
    const other = await createPublishedCause(owner.id);
    await db.update.create({ data: { topicId: followed.id, title: "older", publishedAt: minutesAgo(10) } });
    await db.update.create({ data: { topicId: followed.id, title: "newer", publishedAt: minutesAgo(1) } });
    await db.update.create({ data: { topicId: other.id, title: "not followed", publishedAt: minutesAgo(5) } });
    const subscription = await followCause(reader, { topicId: followed.id, source: "/" });

    const feed = await getReaderFeed(reader.id);
    expect(feed.items.map((i) => i.update.title)).toEqual(["newer", "older"]);
    expect(feed.items[0].topic.title).toBe(followed.title);
    expect(feed.items[0].followingSince).toEqual(subscription.since);
    expect(feed.items.every((i) => i.unread)).toBe(true);
  });

  it("pages with a cursor without gaps or repeats, also when updates share a timestamp", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);
    const same = minutesAgo(3);
    const total = FEED_PAGE_SIZE * 2 + 5;
    for (let i = 0; i < total; i++) {
      await db.update.create({ data: { topicId: cause.id, title: `u${i}`, publishedAt: i % 3 === 0 ? same : minutesAgo(i) } });
    }
    await followCause(reader, { topicId: cause.id, source: "/" });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const feed = await getReaderFeed(reader.id, cursor);
      seen.push(...feed.items.map((i) => i.update.id));
      if (!feed.nextCursor) break;
      cursor = feed.nextCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("tracks read and unread per item and all at once", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);
    const a = await db.update.create({ data: { topicId: cause.id, title: "a", publishedAt: minutesAgo(2) } });
    await db.update.create({ data: { topicId: cause.id, title: "b", publishedAt: minutesAgo(1) } });
    await followCause(reader, { topicId: cause.id, source: "/" });

    await markUpdateRead(reader, a.id);
    await markUpdateRead(reader, a.id);
    let feed = await getReaderFeed(reader.id);
    expect(feed.items.map((i) => [i.update.title, i.unread])).toEqual([["b", true], ["a", false]]);

    await markFeedRead(reader);
    feed = await getReaderFeed(reader.id);
    expect(feed.items.every((i) => !i.unread)).toBe(true);

    const c = await db.update.create({ data: { topicId: cause.id, title: "c", publishedAt: new Date(Date.now() + 1000) } });
    feed = await getReaderFeed(reader.id);
    expect(feed.items.find((i) => i.update.id === c.id)?.unread).toBe(true);
    await expect(markUpdateRead(reader, "unknownupdate0000")).rejects.toMatchObject({ key: "notFound" });
  });

  it("marks one item unread again, even under 'all read', until all are marked read once more", async () => {
    const [owner, reader, other] = await Promise.all([createUser("owner"), createUser(), createUser()]);
    const cause = await createPublishedCause(owner.id);
    const a = await db.update.create({ data: { topicId: cause.id, title: "a", publishedAt: minutesAgo(2) } });
    await db.update.create({ data: { topicId: cause.id, title: "b", publishedAt: minutesAgo(1) } });
    await followCause(reader, { topicId: cause.id, source: "/" });
    await followCause(other, { topicId: cause.id, source: "/" });
    const unreadOf = async (userId: string) => Object.fromEntries((await getReaderFeed(userId)).items.map((i) => [i.update.title, i.unread]));

    await markFeedRead(reader);
    await markUpdateUnread(reader, a.id);
    expect(await unreadOf(reader.id)).toEqual({ a: true, b: false });
    await markUpdateRead(reader, a.id);
    expect(await unreadOf(reader.id)).toEqual({ a: false, b: false });
    await markUpdateUnread(reader, a.id);
    await markFeedRead(reader);
    expect(await unreadOf(reader.id)).toEqual({ a: false, b: false });
    // Marks are the reader's own: the other follower's feed is untouched.
    expect(await unreadOf(other.id)).toEqual({ a: true, b: true });
    await expect(markUpdateUnread(reader, "unknownupdate0000")).rejects.toMatchObject({ key: "notFound" });
  });

  it("drops a cause's updates once the reader leaves", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createPublishedCause(owner.id);
    await db.update.create({ data: { topicId: cause.id, title: "x" } });
    await followCause(reader, { topicId: cause.id, source: "/" });
    expect((await getReaderFeed(reader.id)).items).toHaveLength(1);
    await leaveCause(reader, { topicId: cause.id, source: "/feed" });
    expect(await getReaderFeed(reader.id)).toMatchObject({ items: [], followingCount: 0 });
  });
});

describe("reader feed with partner groups", () => {
  async function groupOfTwo() {
    const { createGroup, inviteCause, respondToInvitation } = await import("@/lib/group/mutations");
    const { createGroupSchema } = await import("@/lib/group/schema");
    const [ownerA, ownerB] = await Promise.all([createUser("owner-a"), createUser("owner-b")]);
    const [a, b] = await Promise.all([createPublishedCause(ownerA.id), createPublishedCause(ownerB.id)]);
    const group = await createGroup(
      ownerA,
      createGroupSchema.parse({ topicId: a.id, name: `Group ${a.slug}`, concern: "A shared concern", language: "de" }),
    );
    const invitation = await inviteCause(ownerA, { groupId: group.id, topicId: b.id, note: "Join us?" });
    await respondToInvitation(ownerB, { invitationId: invitation.id, response: "accept" });
    const updateA = await db.update.create({ data: { topicId: a.id, title: "from A", publishedAt: minutesAgo(2) } });
    const updateB = await db.update.create({ data: { topicId: b.id, title: "from B", publishedAt: minutesAgo(1) } });
    return { group, a, b, ownerB, updateA, updateB };
  }

  it("brings the member causes of a followed group, each with the group as its reason", async () => {
    const { followGroup } = await import("@/lib/subscription/mutations");
    const { group } = await groupOfTwo();
    const reader = await createUser();
    await followGroup(reader, { groupId: group.id, source: `/g/${group.slug}` });

    const feed = await getReaderFeed(reader.id);
    expect(feed.items.map((i) => i.update.title)).toEqual(["from B", "from A"]);
    expect(feed.items.every((i) => i.reason.kind === "group")).toBe(true);
    expect(feed.items[0].reason).toMatchObject({ group: { slug: group.slug } });
    expect(feed.followingCount).toBe(1);
  });

  it("a direct follow wins over the group as the reason", async () => {
    const { followGroup } = await import("@/lib/subscription/mutations");
    const { group, a } = await groupOfTwo();
    const reader = await createUser();
    await followGroup(reader, { groupId: group.id, source: "/" });
    await followCause(reader, { topicId: a.id, source: "/" });
    const reasons = Object.fromEntries((await getReaderFeed(reader.id)).items.map((i) => [i.update.title, i.reason.kind]));
    expect(reasons).toEqual({ "from A": "cause", "from B": "group" });
  });

  it("shows partners' updates only after the reader opts in to partner news, and stops when they opt out", async () => {
    const { setPartnerNews } = await import("@/lib/subscription/mutations");
    const { a } = await groupOfTwo();
    const reader = await createUser();
    await followCause(reader, { topicId: a.id, source: "/" });
    expect((await getReaderFeed(reader.id)).items.map((i) => i.update.title)).toEqual(["from A"]);

    await setPartnerNews(reader, { topicId: a.id, partnerNews: "on", source: "/subscriptions" });
    const withPartners = await getReaderFeed(reader.id);
    expect(withPartners.items.map((i) => [i.update.title, i.reason.kind])).toEqual([["from B", "partner"], ["from A", "cause"]]);
    expect(withPartners.items[0].reason).toMatchObject({ via: { id: a.id } });

    await setPartnerNews(reader, { topicId: a.id, partnerNews: "off", source: "/subscriptions" });
    expect((await getReaderFeed(reader.id)).items.map((i) => i.update.title)).toEqual(["from A"]);
  });

  it("a cause in two followed groups names the group followed first, also after everything is marked read", async () => {
    const { followGroup, markFeedRead } = await import("@/lib/subscription/mutations");
    const { createGroup } = await import("@/lib/group/mutations");
    const { createGroupSchema } = await import("@/lib/group/schema");
    const { group, b, ownerB } = await groupOfTwo();
    const second = await createGroup(ownerB, createGroupSchema.parse({ topicId: b.id, name: `Second ${b.slug}`, concern: "Another concern", language: "de" }));
    const reader = await createUser();
    await followGroup(reader, { groupId: group.id, source: "/" });
    await new Promise((r) => setTimeout(r, 5));
    await followGroup(reader, { groupId: second.id, source: "/" });
    const groupOfB = async () => (await getReaderFeed(reader.id)).items.find((i) => i.update.title === "from B")!.reason;
    expect(await groupOfB()).toMatchObject({ kind: "group", group: { slug: group.slug } });
    // Marking read rewrites every subscription row; the reason must not depend on the order rows come back in.
    await markFeedRead(reader);
    for (let i = 0; i < 3; i++) expect(await groupOfB()).toMatchObject({ kind: "group", group: { slug: group.slug } });
  });

  it("drops a cause's updates from group followers' feeds once it leaves the group", async () => {
    const { followGroup } = await import("@/lib/subscription/mutations");
    const { leaveGroup } = await import("@/lib/group/mutations");
    const { group, b, ownerB } = await groupOfTwo();
    const reader = await createUser();
    await followGroup(reader, { groupId: group.id, source: "/" });
    await leaveGroup(ownerB, { groupId: group.id, topicId: b.id });
    expect((await getReaderFeed(reader.id)).items.map((i) => i.update.title)).toEqual(["from A"]);
  });
});
