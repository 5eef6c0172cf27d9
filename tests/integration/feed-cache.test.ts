/**
 * The short memory public feeds are answered from (lib/feed/cache.ts): concurrent misses share one
 * load, any write by this process ends every entry at once, and otherwise an entry lives only its
 * few hundred milliseconds. A failed load is never remembered.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createShortCache } from "@/lib/feed/cache";
import { createUser } from "../support/factories";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the short feed cache", () => {
  it("shares one load between concurrent requests and keeps it while nothing was written", async () => {
    const cached = createShortCache<number>({ ttlMs: 60_000, max: 10 });
    let loads = 0;
    const load = async () => {
      loads++;
      await sleep(20);
      return loads;
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => cached("a", load)));
    expect(new Set(answers)).toEqual(new Set([1]));
    expect(await cached("a", load)).toBe(1);
    expect(loads).toBe(1);
    expect(await cached("b", load)).toBe(2); // another key is another entry
  });

  it("forgets everything as soon as this process writes, in or outside a transaction", async () => {
    const cached = createShortCache<number>({ ttlMs: 60_000, max: 10 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cached("a", load)).toBe(1);
    await createUser();
    expect(await cached("a", load)).toBe(2);
    await db.$transaction(async (tx) => tx.user.updateMany({ where: { email: "nobody@example.org" }, data: { name: "x" } }));
    expect(await cached("a", load)).toBe(3);
    await db.$executeRawUnsafe(`UPDATE "User" SET "name" = NULL WHERE "email" = 'nobody@example.org'`);
    expect(await cached("a", load)).toBe(4);
    await db.user.count(); // reading is not writing
    expect(await cached("a", load)).toBe(4);
  });

  it("lives only its time, holds at most `max` entries and never remembers a failure", async () => {
    const cached = createShortCache<number>({ ttlMs: 50, max: 2 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cached("a", load)).toBe(1);
    await sleep(80);
    expect(await cached("a", load)).toBe(2);

    await cached("b", load); // 3
    await cached("c", load); // 4: "a" (the oldest) is dropped
    expect(await cached("a", load)).toBe(5);

    const failing = () => Promise.reject(new Error("database away"));
    await expect(cached("d", failing)).rejects.toThrow("database away");
    expect(await cached("d", load)).toBe(6);
  });
});
