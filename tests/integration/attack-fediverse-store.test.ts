/**
 * Hostile-review probes of Fedify's storage in the app's database (lib/fediverse/store.ts):
 * DatabaseKvStore (key paths, prefixes, expiry) and DatabaseMessageQueue (claims by concurrent
 * drainers, leases). Each `it` states what must hold; `it.fails` marks a defect found by the review.
 */
import { Temporal } from "@js-temporal/polyfill";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DatabaseKvStore, DatabaseMessageQueue, purgeExpiredKv } from "@/lib/fediverse/store";
import { stamp } from "../support/factories";

const kv = new DatabaseKvStore();

async function listed(prefix?: string[]) {
  const keys: string[][] = [];
  for await (const entry of kv.list(prefix as never)) keys.push([...(entry.key as readonly string[])]);
  return keys;
}

describe("attack: DatabaseKvStore", () => {
  it("list(prefix) returns the prefix itself and what lies below it, never siblings sharing its text", async () => {
    const ns = `ns-${stamp()}`;
    await kv.set([ns, "a", "b"], 1);
    await kv.set([ns, "a", "b", "c"], 2);
    await kv.set([ns, "a", "bc"], 3);
    await kv.set([ns, "a", "bc", "d"], 4);
    await kv.set([ns, "ab"], 5);
    await kv.set([ns, "a"], 6);
    // (In no particular order: KvStore promises none.)
    expect((await listed([ns, "a", "b"])).map((k) => k.join("/")).sort()).toEqual([`${ns}/a/b`, `${ns}/a/b/c`]);
    expect((await listed([ns, "a"])).map((k) => k.slice(1).join("/")).sort()).toEqual(["a", "a/b", "a/b/c", "a/bc", "a/bc/d"]);
  });

  it("list(prefix) is exact about case and LIKE wildcards", async () => {
    const ns = `ns-${stamp()}`;
    await kv.set([ns, "key", "x"], "lower");
    await kv.set([ns, "Key", "x"], "upper");
    await kv.set([ns, "a%", "x"], "percent");
    await kv.set([ns, "abc", "x"], "abc");
    await kv.set([ns, "a_c", "x"], "underscore");
    expect(await listed([ns, "Key"])).toEqual([[ns, "Key", "x"]]);
    expect(await listed([ns, "key"])).toEqual([[ns, "key", "x"]]);
    expect(await listed([ns, "a%"])).toEqual([[ns, "a%", "x"]]);
    expect(await listed([ns, "a_c"])).toEqual([[ns, "a_c", "x"]]);
    expect(await kv.get([ns, "KEY", "x"])).toBeUndefined();
  });

  // Found in review, fixed (the database narrows before the first backslash; was lib/fediverse/store.ts list(), `startsWith: children`): the
  // database narrows with Prisma's startsWith, i.e. LIKE, whose escape character on PostgreSQL is
  // the backslash. A prefix part whose JSON holds a backslash (a backslash, a quote, a control
  // character) then matches nothing below it — the JS re-check cannot bring back rows the query
  // never returned. SQLite's LIKE has no escape character. Fedify 2.3.6 does not call list() here.
  // Fix: narrow without LIKE (e.g. a raw `substr(key, 1, length($1)) = $1`), or on PostgreSQL
  // escape \, % and _ in the text given to startsWith.
  it("list(prefix) finds what lies below a prefix holding a backslash or a quote", async () => {
    const ns = `ns-${stamp()}`;
    await kv.set([ns, "a\\", "x"], "backslash");
    await kv.set([ns, "a\\b", "x"], "backslash-b");
    await kv.set([ns, 'a"', "x"], "quote");
    expect(await listed([ns, "a\\"])).toEqual([[ns, "a\\", "x"]]);
    expect(await listed([ns, 'a"'])).toEqual([[ns, 'a"', "x"]]);
  });

  it("two different key paths never share a row (parts holding separators, brackets, quotes or commas)", async () => {
    const ns = `ns-${stamp()}`;
    const paths = [
      [ns, "a", "b"],
      [ns, "a\u001fb"],
      [ns, "a,b"],
      [ns, 'a","b'],
      [ns, "a", "b", ""],
      [ns, "a]"],
      [ns, "a"],
    ];
    for (const [i, path] of paths.entries()) await kv.set(path as never, i);
    for (const [i, path] of paths.entries()) expect(await kv.get(path as never), JSON.stringify(path)).toBe(i);
    // list() gives each path back whole, and only those below the prefix.
    expect((await listed([ns, "a"])).map((k) => JSON.stringify(k)).sort()).toEqual([[ns, "a"], [ns, "a", "b"], [ns, "a", "b", ""]].map((k) => JSON.stringify(k)).sort());
    expect((await listed([ns, 'a","b'])).map((k) => JSON.stringify(k))).toEqual([JSON.stringify([ns, 'a","b'])]);
  });

  it("keys with NUL, lone surrogates or bidi controls are stored and found (PostgreSQL text holds no NUL)", async () => {
    const ns = `ns-${stamp()}`;
    for (const part of ["nul\u0000x", "lone\ud800", "bidi\u202e"]) {
      await kv.set([ns, part], part);
      expect(await kv.get([ns, part]), JSON.stringify(part)).toBe(part);
    }
    expect((await listed([ns])).length).toBe(3);
  });

  it("very long keys (a remote URL can be kilobytes) are stored, kept apart and deleted", async () => {
    const ns = `ns-${stamp()}`;
    const random = (n: number) => Array.from({ length: n }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(Math.random() * 36)]).join("");
    const shared = `https://social.example/${random(3000)}`;
    const long = [ns, `${shared}/a`] as const;
    const longToo = [ns, `${shared}/b`] as const;
    await kv.set(long, "a");
    await kv.set(longToo, "b");
    expect(await kv.get(long)).toBe("a");
    expect(await kv.get(longToo)).toBe("b");
    // Around the length where hashing starts.
    for (const n of [900, 960, 980, 1000, 1020]) {
      const key = [ns, "edge", "x".repeat(n)] as const;
      await kv.set(key, n);
      expect(await kv.get(key), String(n)).toBe(n);
    }
    await kv.delete(long);
    expect(await kv.get(long)).toBeUndefined();
    expect(await kv.get(longToo)).toBe("b");
  });

  // DEFECT (low, documented in lib/fediverse/store.ts list()): a key whose JSON is longer than
  // 1000 characters is stored as its start plus a hash, and list() silently skips such rows, so
  // list(prefix) does not return every entry below the prefix as KvStore promises. Fedify 2.3.6
  // calls list() only on stores with cas() (this one has none), so nothing breaks today.
  // Fix: keep the full path in an unindexed column (or inside the value) and list from it.
  it.fails("list(prefix) returns entries whose keys are very long", async () => {
    const ns = `ns-${stamp()}`;
    await kv.set([ns, "x".repeat(2000)], "long");
    expect(await listed([ns])).toEqual([[ns, "x".repeat(2000)]]);
  });

  it("stores JSON values faithfully (null is a value, not a miss)", async () => {
    const ns = `ns-${stamp()}`;
    await kv.set([ns, "null"], null);
    await kv.set([ns, "obj"], { nested: ["x", 1, true], unicode: "\u202e\u0000" });
    expect(await kv.get([ns, "null"])).toBeNull();
    expect(await kv.get([ns, "obj"])).toEqual({ nested: ["x", 1, true], unicode: "\u202e\u0000" });
    expect(await kv.get([ns, "missing"])).toBeUndefined();
  });

  it("expires entries by their TTL (a Temporal.Duration), also in list(); a later set without TTL keeps them", async () => {
    const ns = `ns-${stamp()}`;
    await kv.set([ns, "short"], 1, { ttl: Temporal.Duration.from({ milliseconds: 50 }) as never });
    await kv.set([ns, "long"], 2, { ttl: Temporal.Duration.from({ days: 1 }) as never });
    await kv.set([ns, "renewed"], 3, { ttl: Temporal.Duration.from({ milliseconds: 50 }) as never });
    await kv.set([ns, "renewed"], 4);
    await kv.set([ns, "month"], 5, { ttl: Temporal.Duration.from({ months: 1 }) as never });
    await new Promise((r) => setTimeout(r, 120));
    expect(await kv.get([ns, "short"])).toBeUndefined();
    expect(await kv.get([ns, "long"])).toBe(2);
    expect(await kv.get([ns, "renewed"])).toBe(4);
    expect(await kv.get([ns, "month"])).toBe(5);
    expect((await listed([ns])).map((k) => k[1]).sort()).toEqual(["long", "month", "renewed"]);
    expect(await purgeExpiredKv()).toBeGreaterThanOrEqual(1);
    expect(await db.fediverseKv.count({ where: { key: JSON.stringify([ns, "short"]) } })).toBe(0);
    await kv.delete([ns, "long"]);
    await kv.delete([ns, "never-there"]);
    expect(await kv.get([ns, "long"])).toBeUndefined();
  });
});

describe("attack: DatabaseMessageQueue", () => {
  const queue = new DatabaseMessageQueue();
  beforeEach(async () => {
    await db.fediverseTask.deleteMany({});
  });

  it("two (or five) drainers at once never hand the same task to two handlers", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `m-${i}-${stamp()}`);
    await queue.enqueueMany(ids.map((id) => ({ id })));
    const handled: string[] = [];
    const handler = async (message: unknown) => {
      handled.push((message as { id: string }).id);
      await new Promise((r) => setTimeout(r, 2));
    };
    const counts = await Promise.all(Array.from({ length: 5 }, () => queue.drain(handler)));
    expect(handled.length).toBe(ids.length);
    expect(new Set(handled).size).toBe(ids.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ids.length);
    expect(await db.fediverseTask.count()).toBe(0);
  });

  it("a task whose lease lapsed (a dead worker) is taken again by exactly one of two drainers; a live lease is respected", async () => {
    await queue.enqueue({ id: "lapsed" });
    await queue.enqueue({ id: "leased" });
    await db.fediverseTask.updateMany({ where: { message: { contains: "lapsed" } }, data: { leaseUntil: new Date(Date.now() - 1000) } });
    await db.fediverseTask.updateMany({ where: { message: { contains: "leased" } }, data: { leaseUntil: new Date(Date.now() + 60_000) } });
    const handled: string[] = [];
    const handler = async (m: unknown) => {
      handled.push((m as { id: string }).id);
      await new Promise((r) => setTimeout(r, 5));
    };
    await Promise.all([queue.drain(handler), queue.drain(handler)]);
    expect(handled).toEqual(["lapsed"]);
  });

  it("a task not yet due waits; a failing handler's task comes back later, not at once", async () => {
    await queue.enqueue({ id: "later" }, { delay: Temporal.Duration.from({ minutes: 5 }) as never });
    await queue.enqueue({ id: "broken" });
    const handled: string[] = [];
    await queue.drain((m) => {
      handled.push((m as { id: string }).id);
      throw new Error("boom");
    });
    expect(handled).toEqual(["broken"]);
    await queue.drain((m) => void handled.push((m as { id: string }).id));
    expect(handled).toEqual(["broken"]);
    const rows = await db.fediverseTask.findMany();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.dueAt.getTime() > Date.now())).toBe(true);
  });
});
