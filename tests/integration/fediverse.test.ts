/**
 * The fediverse on the database, on SQLite and PostgreSQL: a remote account's Follow and Undo are
 * one subscription (channel = fediverse) with ledger entries naming the account; the worker queues
 * exactly what followers must be told — Create for a cause's follower, a group's Announce for the
 * group's followers, Update after a correction, Delete once after a deletion, nothing from before
 * they followed — and Fedify's storage lives in the database. The round trip with a real second
 * server is e2e/fediverse.spec.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { announceUpdates } from "@/lib/fediverse/announce";
import { followFromFediverse, leaveFromFediverse } from "@/lib/fediverse/mutations";
import { countFollowers, findActor, type FediverseActor } from "@/lib/fediverse/queries";
import { handleFederation } from "@/lib/fediverse/handler";
import { DatabaseKvStore, DatabaseMessageQueue } from "@/lib/fediverse/store";
import { env } from "@/lib/env";
import { createPublishedCause, createUser, stamp } from "../support/factories";

// Remote servers on public addresses (literal, so no DNS is needed): the worker sends nothing to
// inboxes that do not resolve to the public internet.
let nextHost = 1 + Math.floor(Math.random() * 200);
const remote = (name = stamp()) => {
  const origin = `https://93.184.${nextHost++ % 250}.${1 + Math.floor(Math.random() * 250)}`;
  return { actor: `${origin}/users/${name}`, inbox: `${origin}/users/${name}/inbox`, sharedInbox: `${origin}/inbox` };
};
const causeActor = async (slug: string) => (await findActor(slug)) as FediverseActor;

type Task = { id: string; type: string; inbox?: string; activityType?: string; activity: { type: string; actor: string; object: unknown } };
const tasksFor = async (inboxHost: string): Promise<Task[]> =>
  (await db.fediverseTask.findMany({ orderBy: { createdAt: "asc" } }))
    .map((row) => ({ id: row.id, ...JSON.parse(row.message) }))
    .filter((task) => JSON.stringify(task.inbox ?? task.inboxes ?? "").includes(inboxHost));

const hosts: string[] = [];
afterEach(async () => {
  // Nothing this file queued is left for another file's worker pass to try to deliver.
  for (const host of hosts.splice(0)) await db.fediverseTask.deleteMany({ where: { message: { contains: host } } });
});

describe("following from the fediverse", () => {
  it("is one subscription with ledger entries naming the remote account; repeats change nothing", async () => {
    const cause = await createPublishedCause((await createUser("fedi")).id);
    const actor = await causeActor(cause.slug);
    const reader = remote();
    await followFromFediverse(actor, reader);
    await followFromFediverse(actor, { ...reader, inbox: `${reader.inbox}?moved=1` });
    const subs = await db.subscription.findMany({ where: { topicId: cause.id } });
    expect(subs).toMatchObject([{ channel: "fediverse", status: "active", remoteActor: reader.actor, remoteInbox: `${reader.inbox}?moved=1`, userId: null, email: null }]);
    expect(await countFollowers(actor)).toBe(1);

    expect(await leaveFromFediverse(actor, reader.actor)).toBe(true);
    expect(await leaveFromFediverse(actor, reader.actor)).toBe(false);
    expect(await countFollowers(actor)).toBe(0);
    await followFromFediverse(actor, reader);
    const ledger = await db.consentEvent.findMany({ where: { topicId: cause.id }, orderBy: { createdAt: "asc" } });
    expect(ledger.map((e) => [e.action, e.source, e.detail])).toEqual([
      ["subscribe", "fediverse", `actor=${reader.actor}`],
      ["leave", "fediverse", `actor=${reader.actor}`],
      ["subscribe", "fediverse", `actor=${reader.actor}`],
    ]);
  });

  it("an Undo from somebody who never followed changes nothing", async () => {
    const cause = await createPublishedCause((await createUser("fedi")).id);
    expect(await leaveFromFediverse(await causeActor(cause.slug), remote().actor)).toBe(false);
    expect(await db.consentEvent.count({ where: { topicId: cause.id } })).toBe(0);
  });

  it("finds only published causes and active groups open for new followers", async () => {
    const owner = await createUser("fedi");
    const cause = await createPublishedCause(owner.id);
    expect((await findActor(cause.slug))?.open).toBe(true);
    await db.topic.update({ where: { id: cause.id }, data: { status: "archived" } });
    expect((await findActor(cause.slug))?.open).toBe(false);
    for (const status of ["draft", "suspended", "removed"] as const) {
      await db.topic.update({ where: { id: cause.id }, data: { status } });
      expect(await findActor(cause.slug), status).toBeNull();
    }
    const group = await db.partnerGroup.create({ data: { slug: `group-${stamp()}`, name: "Grüne Stadt", concern: "Grün", status: "suspended" } });
    expect(await findActor(`g.${group.slug}`)).toBeNull();
    expect(await findActor(group.slug)).toBeNull();
  });
});

describe("the worker tells fediverse followers", () => {
  it("a cause's follower gets Create, Update and one Delete; a group's follower the group's Announce; nothing from before", async () => {
    const owner = await createUser("fedi");
    const cause = await createPublishedCause(owner.id);
    const partner = await createPublishedCause(owner.id);
    const group = await db.partnerGroup.create({
      data: { slug: `group-${stamp()}`, name: "Grüne Stadt", concern: "Grün", adminTopicId: cause.id, memberships: { create: [{ topicId: cause.id }, { topicId: partner.id }] } },
    });
    const old = await db.update.create({ data: { topicId: cause.id, title: "Before", body: "Old news.", publishedAt: new Date(Date.now() - 60_000) } });
    const direct = remote();
    const viaGroup = remote();
    hosts.push(new URL(direct.inbox).host, new URL(viaGroup.inbox).host);
    await followFromFediverse(await causeActor(cause.slug), direct);
    await followFromFediverse((await findActor(`g.${group.slug}`)) as FediverseActor, viaGroup);

    const update = await db.update.create({ data: { topicId: cause.id, title: "Neu", body: "Am **Samstag**.", publishedAt: new Date(Date.now() + 1000) } });
    const now = new Date(Date.now() + 2000);
    // Other files' followers may be told things in the same pass: only this test's inboxes count.
    await announceUpdates(now);
    await announceUpdates(now);
    const toDirect = await tasksFor(new URL(direct.inbox).host);
    expect(toDirect.map((t) => t.activity.type)).toEqual(["Create"]);
    expect(JSON.stringify(toDirect[0].activity)).toContain(`/ap/c/${cause.slug}/u/${update.id}`);
    expect(JSON.stringify(toDirect)).not.toContain(old.id);
    const toGroupFollower = await tasksFor(new URL(viaGroup.inbox).host);
    expect(toGroupFollower.map((t) => [t.activity.type, t.activity.actor])).toEqual([["Announce", expect.stringContaining(`/ap/actors/g.${group.slug}`)]]);

    await db.update.update({ where: { id: update.id }, data: { title: "Neu, korrigiert", correctedAt: new Date(Date.now() + 3000), correctionNote: "Titel" } });
    await announceUpdates(new Date(Date.now() + 4000));
    expect((await tasksFor(new URL(direct.inbox).host)).map((t) => t.activity.type)).toEqual(["Create", "Update"]);
    // A correction reaches the group's follower too, from the cause itself.
    expect((await tasksFor(new URL(viaGroup.inbox).host)).map((t) => t.activity.type)).toEqual(["Announce", "Update"]);

    await db.update.update({ where: { id: update.id }, data: { deletedAt: new Date(), hiddenAt: new Date() } });
    await announceUpdates(new Date(Date.now() + 5000));
    await announceUpdates(new Date(Date.now() + 6000));
    expect((await tasksFor(new URL(direct.inbox).host)).map((t) => t.activity.type)).toEqual(["Create", "Update", "Delete"]);

    // Hidden before anybody was told: nothing at all.
    const hidden = await db.update.create({ data: { topicId: cause.id, title: "Versteckt", publishedAt: new Date(Date.now() + 1000), hiddenAt: new Date() } });
    await announceUpdates(new Date(Date.now() + 7000));
    expect(JSON.stringify(await tasksFor(new URL(direct.inbox).host))).not.toContain(hidden.id);
  });

  it("nothing for a follower who left, or of a suspended cause", async () => {
    const cause = await createPublishedCause((await createUser("fedi")).id);
    const reader = remote();
    hosts.push(new URL(reader.inbox).host);
    const actor = await causeActor(cause.slug);
    await followFromFediverse(actor, reader);
    await leaveFromFediverse(actor, reader.actor);
    await db.update.create({ data: { topicId: cause.id, title: "Niemand", publishedAt: new Date(Date.now() + 1000) } });
    await announceUpdates(new Date(Date.now() + 2000));
    expect(await tasksFor(new URL(reader.inbox).host)).toEqual([]);

    await followFromFediverse(actor, reader);
    await db.topic.update({ where: { id: cause.id }, data: { status: "suspended" } });
    await db.update.create({ data: { topicId: cause.id, title: "Gesperrt", publishedAt: new Date(Date.now() + 3000) } });
    await announceUpdates(new Date(Date.now() + 4000));
    expect(await tasksFor(new URL(reader.inbox).host)).toEqual([]);
  });
});

describe("the outbox", () => {
  it("pages newest first, with each update's cause, and ends at an unknown cursor instead of starting over", async () => {
    const cause = await createPublishedCause((await createUser("fedi")).id);
    const [older, newer] = [
      await db.update.create({ data: { topicId: cause.id, title: "Älter", body: "a", publishedAt: new Date(Date.now() - 2000) } }),
      await db.update.create({ data: { topicId: cause.id, title: "Neuer", body: "b", publishedAt: new Date(Date.now() - 1000) } }),
    ];
    const page = async (cursor: string) =>
      (await (await handleFederation(new Request(`${env.APP_URL}/ap/actors/${cause.slug}/outbox?cursor=${cursor}`, { headers: { accept: "application/activity+json" } }))).json()) as {
        orderedItems?: { object: { name: string; attributedTo: string } }[];
      };
    const first = await page("");
    expect(first.orderedItems?.map((item) => item.object.name)).toEqual(["Neuer", "Älter"]);
    expect(first.orderedItems?.[0].object.attributedTo).toBe(`${env.APP_URL}/ap/actors/${cause.slug}`);
    expect((await page(newer.id)).orderedItems?.map((item) => item.object.name)).toEqual(["Älter"]);
    expect((await page("nosuchupdate0000")).orderedItems ?? []).toEqual([]);
    expect(older.id).toBeTruthy();
  });
});

describe("Fedify's storage in the database", () => {
  it("a key-value store with prefixes that never run into each other, and lifetimes", async () => {
    const kv = new DatabaseKvStore();
    const s = stamp();
    await kv.set([s, "a"], { n: 1 });
    await kv.set([s, "ab"], { n: 2 });
    await kv.set([s, "a", "b"], { n: 3 });
    await kv.set([s, "gone"], 4, { ttl: { milliseconds: -1 } as never });
    const listed = [];
    for await (const entry of kv.list([s, "a"])) listed.push(entry);
    expect(listed).toHaveLength(2);
    expect(listed).toEqual(expect.arrayContaining([{ key: [s, "a"], value: { n: 1 } }, { key: [s, "a", "b"], value: { n: 3 } }]));
    // Stored keys that look alike never meet: a part holding the old separator, LIKE wildcards, case.
    await kv.set([s, "x\u001fy"], "joined");
    await kv.set([s, "x", "y"], "parts");
    await kv.set([s, "%"], "percent");
    await kv.set([s, "A"], "upper");
    expect(await kv.get([s, "x\u001fy"])).toBe("joined");
    expect(await kv.get([s, "x", "y"])).toBe("parts");
    const wild = [];
    for await (const entry of kv.list([s, "%"])) wild.push(entry.value);
    expect(wild).toEqual(["percent"]);
    const upper = [];
    for await (const entry of kv.list([s, "A"])) upper.push(entry.value);
    expect(upper).toEqual(["upper"]);
    // A key longer than an index entry may be is still stored and found.
    const long = [s, `https://social.example/${"x".repeat(5000)}`] as const;
    await kv.set(long, "long");
    expect(await kv.get(long)).toBe("long");
    expect(await kv.get([s, "gone"])).toBeUndefined();
    await kv.delete([s, "a"]);
    expect(await kv.get([s, "a"])).toBeUndefined();
    expect(await kv.get([s, "ab"])).toEqual({ n: 2 });
  });

  it("a queue whose two concurrent drains never hand out one task twice, and that keeps what is not due", async () => {
    const queue = new DatabaseMessageQueue();
    const s = stamp();
    await queue.enqueueMany(Array.from({ length: 12 }, (_, i) => ({ s, i })));
    await queue.enqueue({ s, later: true }, { delay: { hours: 1 } as never });
    const seen: number[] = [];
    const mine = (m: unknown) => {
      const message = m as { s: string; i: number };
      if (message.s === s) seen.push(message.i);
    };
    await Promise.all([queue.drain(mine, { limit: 1000 }), queue.drain(mine, { limit: 1000 })]);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    const left = await db.fediverseTask.findMany({ where: { message: { contains: s } } });
    expect(left.map((t) => JSON.parse(t.message))).toEqual([{ s, later: true }]);
    await db.fediverseTask.deleteMany({ where: { message: { contains: s } } });
  });
});
