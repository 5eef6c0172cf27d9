/**
 * Hostile review of how the read counter writes, on SQLite and PostgreSQL: several instances (here:
 * fresh copies of the module, as Next.js's bundles and other processes have) flushing the same
 * hours at once, a write refused in the middle of a batch (by a trigger: nothing of the code under
 * test is mocked), a cause deleted before its counts are written, the turn of the hour and of the
 * day, the SIGTERM hook, and the 90-day retention boundary.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, isPostgres } from "@/lib/db";
import { runRetention } from "@/lib/privacy/retention";
import { createPublishedCause, createUser, stamp } from "../support/factories";

type Counter = typeof import("@/lib/insights/counter");
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const HOUR = 60 * 60 * 1000;

beforeAll(() => vi.useFakeTimers({ toFake: ["setInterval"] })); // no background flush: tests flush
afterAll(() => vi.useRealTimers());

/** A module instance of its own: its own pending sums, its own memory of readers. */
async function freshCounter(): Promise<Counter> {
  vi.resetModules();
  return import("@/lib/insights/counter");
}

const causes = async (n: number) => {
  const owner = await createUser("flush");
  return Promise.all(Array.from({ length: n }, () => createPublishedCause(owner.id)));
};
const rowsOf = (topicId: string) => db.readCount.findMany({ where: { topicId }, orderBy: [{ day: "asc" }, { hour: "asc" }] });
const sumOf = async (topicId: string) => (await rowsOf(topicId)).reduce((n, r) => n + r.count, 0);

/** Refuses every insert or update of the cause's counter rows until `lift()`. */
async function refuseWrites(topicId: string) {
  const name = `attack_refuse_${stamp()}`;
  if (isPostgres) {
    await db.$executeRawUnsafe(`CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'attack: write refused'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER "${name}" BEFORE INSERT OR UPDATE ON "ReadCount" FOR EACH ROW WHEN (NEW."topicId" = '${topicId}') EXECUTE FUNCTION "${name}"()`);
    return async () => {
      await db.$executeRawUnsafe(`DROP TRIGGER "${name}" ON "ReadCount"`);
      await db.$executeRawUnsafe(`DROP FUNCTION "${name}"()`);
    };
  }
  // Not RAISE(ABORT): through the driver adapter SQLite's trigger error reads as a foreign-key
  // violation (P2003), which the counter rightly takes for "cause deleted". A malformed JSON is an
  // error of its own (P2039), for that row only.
  for (const event of ["INSERT", "UPDATE"]) {
    await db.$executeRawUnsafe(`CREATE TRIGGER "${name}_${event}" BEFORE ${event} ON "ReadCount" WHEN NEW."topicId" = '${topicId}' BEGIN SELECT json('{' || NEW."topicId"); END`);
  }
  return async () => {
    for (const event of ["INSERT", "UPDATE"]) await db.$executeRawUnsafe(`DROP TRIGGER "${name}_${event}"`);
  };
}

describe("several instances flushing the same hours", () => {
  it("add up exactly, however their upserts interleave", async () => {
    const targets = await causes(8);
    const instances = [await freshCounter(), await freshCounter(), await freshCounter()];
    expect(new Set(instances).size).toBe(3);
    const base = Date.now() - 5 * HOUR;
    const expected = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      // Each instance counts the same 8 causes × 5 hours, from its own readers, a different number each.
      instances.forEach((counter, k) => {
        for (const [t, cause] of targets.entries()) {
          for (let h = 0; h < 5; h++) {
            const readers = 1 + ((t + h + k + round) % 4);
            for (let r = 0; r < readers; r++) counter.countRead({ topicId: cause.id, channel: "page" }, { client: `10.${k}.${round}.${r}`, agent: BROWSER }, new Date(base + h * HOUR));
            expected.set(cause.id, (expected.get(cause.id) ?? 0) + readers);
          }
        }
      });
      // Every instance flushes at once, and one of them twice (its flushes queue behind each other).
      const written = await Promise.all([...instances.map((c) => c.flushReadCounts()), instances[0].flushReadCounts()]);
      expect(written.slice(0, 3)).toEqual([40, 40, 40]);
      expect(written[3]).toBe(0);
    }
    for (const cause of targets) {
      const rows = await rowsOf(cause.id);
      expect(rows).toHaveLength(5);
      expect(rows.reduce((n, r) => n + r.count, 0)).toBe(expected.get(cause.id));
    }
  });
});

describe("a flush that fails", () => {
  it("in the middle of a batch loses nothing and writes nothing twice", async () => {
    const [first, refused, last] = await causes(3);
    const counter = await freshCounter();
    const now = new Date();
    for (const cause of [first, refused, last]) counter.countRead({ topicId: cause.id, channel: "feed" }, { client: "192.0.2.50", agent: "Miniflux/2.2" }, now);
    const lift = await refuseWrites(refused.id);
    try {
      await expect(counter.flushReadCounts()).rejects.toThrow();
      // Written before the refusal: kept. The refused one and the rest: still held in memory.
      expect([await sumOf(first.id), await sumOf(refused.id), await sumOf(last.id)]).toEqual([1, 0, 0]);
      // Meanwhile more reads arrive, for the same hour and the refused cause too.
      counter.countRead({ topicId: refused.id, channel: "feed" }, { client: "192.0.2.51", agent: "Miniflux/2.2" }, now);
      counter.countRead({ topicId: first.id, channel: "feed" }, { client: "192.0.2.51", agent: "Miniflux/2.2" }, now);
      await expect(counter.flushReadCounts()).rejects.toThrow();
    } finally {
      await lift();
    }
    // The next flush writes what was held, each once.
    await counter.flushReadCounts();
    expect([await sumOf(first.id), await sumOf(refused.id), await sumOf(last.id)]).toEqual([2, 2, 1]);
    expect(await counter.flushReadCounts()).toBe(0);
    expect([await sumOf(first.id), await sumOf(refused.id), await sumOf(last.id)]).toEqual([2, 2, 1]);
  });

  it("for a cause deleted meanwhile drops its counts and writes the others", async () => {
    const [gone, kept] = await causes(2);
    const counter = await freshCounter();
    counter.countRead({ topicId: gone.id, channel: "page" }, { client: "192.0.2.60", agent: BROWSER });
    counter.countRead({ topicId: kept.id, channel: "page" }, { client: "192.0.2.60", agent: BROWSER });
    await db.topic.delete({ where: { id: gone.id } });
    await expect(counter.flushReadCounts()).resolves.toBe(2);
    expect(await db.readCount.count({ where: { topicId: gone.id } })).toBe(0);
    expect(await sumOf(kept.id)).toBe(1);
    // Nothing was held back for a next flush.
    expect(await counter.flushReadCounts()).toBe(0);
  });
});

describe("the turn of the hour", () => {
  it("starts a new UTC bucket at :00 exactly, also across midnight, and forgets the readers of the hour before", async () => {
    const [cause] = await causes(1);
    const counter = await freshCounter();
    const reader = { client: "192.0.2.70", agent: BROWSER };
    const read = { topicId: cause.id, channel: "page" as const };
    const at = (iso: string) => new Date(iso);
    expect(counter.countRead(read, reader, at("2030-03-30T23:59:59.999Z"))).toBe(true);
    expect(counter.countRead(read, reader, at("2030-03-30T23:00:00.000Z"))).toBe(false); // same hour
    expect(counter.countRead(read, reader, at("2030-03-31T00:00:00.000Z"))).toBe(true); // next day
    expect(counter.countRead(read, reader, at("2030-03-31T00:59:59.999Z"))).toBe(false);
    // Summer time starts in Europe at 01:00 UTC that day: nothing to the counter, which is UTC.
    expect(counter.countRead(read, reader, at("2030-03-31T01:00:00.000Z"))).toBe(true);
    expect(counter.countRead(read, reader, at("2030-03-31T01:30:00.000Z"))).toBe(false);
    // Another zone's offset in the input changes nothing: an instant is an instant.
    expect(counter.countRead(read, reader, new Date("2030-03-31T03:45:00+02:00"))).toBe(false);
    await counter.flushReadCounts();
    expect((await rowsOf(cause.id)).map((r) => [r.day, r.hour, r.count])).toEqual([
      ["2030-03-30", 23, 1],
      ["2030-03-31", 0, 1],
      ["2030-03-31", 1, 1],
    ]);
  });
});

describe("on SIGTERM", () => {
  it("the app server's shutdown hooks write what every instance still holds", async () => {
    const [cause] = await causes(1);
    const a = await freshCounter();
    const b = await freshCounter();
    a.countRead({ topicId: cause.id, channel: "page" }, { client: "192.0.2.80", agent: BROWSER });
    b.countRead({ topicId: cause.id, channel: "feed" }, { client: "192.0.2.80", agent: "NetNewsWire/6.1" });
    const hooks = (globalThis as { [key: symbol]: Set<() => Promise<unknown>> | undefined })[Symbol.for("herzensthema.shutdown")];
    expect(hooks?.has(a.flushReadCounts)).toBe(true);
    expect(hooks?.has(b.flushReadCounts)).toBe(true);
    await Promise.allSettled([...hooks!].map((hook) => hook()));
    expect((await rowsOf(cause.id)).map((r) => [r.channel, r.count]).sort()).toEqual([["feed", 1], ["page", 1]]);
  });
});

describe("retention", () => {
  it("keeps the counters of the last 90 days (by UTC day) and deletes older ones", async () => {
    const [cause] = await causes(1);
    const now = new Date();
    const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 24 * HOUR).toISOString().slice(0, 10);
    await db.readCount.createMany({
      data: [
        { topicId: cause.id, channel: "page", day: day(91), hour: 23, count: 1 },
        { topicId: cause.id, channel: "page", day: day(90), hour: 0, count: 2 },
        { topicId: cause.id, channel: "feed", day: day(89), hour: 12, count: 3 },
        { topicId: cause.id, channel: "page", day: day(0), hour: 0, count: 4 },
      ],
    });
    await runRetention(now);
    // The boundary day stays whole: a counter goes between 90 and 91 days after its hour.
    expect((await rowsOf(cause.id)).map((r) => r.count)).toEqual([2, 3, 4]);
    await runRetention(new Date(now.getTime() + 24 * HOUR));
    expect((await rowsOf(cause.id)).map((r) => r.count)).toEqual([3, 4]);
  });
});
