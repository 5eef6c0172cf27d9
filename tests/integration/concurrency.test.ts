/**
 * Check-then-write under parallel requests (what PostgreSQL shows and SQLite's serialised writes
 * hide): double-clicked re-follows write one consent event, 1 000 follow/leave clicks from 200
 * accounts leave count, subscriptions and ledger in exact agreement, and an owner's archive at the
 * moment an operator suspends never undoes the suspension.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decide } from "@/lib/moderation/mutations";
import { followCause, leaveCause } from "@/lib/subscription/mutations";
import { changeCauseStatus } from "@/lib/topic/mutations";
import { createPublishedCause, createUser } from "../support/factories";

/** Runs the tasks with at most `width` in flight (a browser crowd, not one giant burst). */
async function inWaves<T>(tasks: (() => Promise<T>)[], width: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = [];
  for (let i = 0; i < tasks.length; i += width) results.push(...(await Promise.allSettled(tasks.slice(i, i + width).map((t) => t()))));
  return results;
}

describe("following under parallel clicks", () => {
  it("a double-clicked re-follow after leaving writes one subscribe event, not two", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const readers = await Promise.all(Array.from({ length: 31 }, () => createUser()));
    const input = { topicId: cause.id, source: `/c/${cause.slug}` };
    for (const reader of readers) {
      await followCause(reader, input);
      await leaveCause(reader, input);
    }
    // Every reader clicks Follow twice at once.
    await Promise.all(readers.flatMap((reader) => [followCause(reader, input), followCause(reader, input)]));
    for (const reader of readers) {
      const events = await db.consentEvent.findMany({
        where: { subscription: { userId: reader.id }, topicId: cause.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { action: true },
      });
      expect(events.map((e) => e.action)).toEqual(["subscribe", "leave", "subscribe"]);
    }
  });

  it("1 000 follow and leave clicks from 200 accounts: count, subscriptions and ledger agree exactly", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const readers = await Promise.all(Array.from({ length: 200 }, () => createUser()));
    const input = { topicId: cause.id, source: `/c/${cause.slug}` };
    // Five clicks each, follow/leave in random order, shuffled across readers, 50 in flight.
    const clicks = readers.flatMap((reader) =>
      Array.from({ length: 5 }, () => (Math.random() < 0.55 ? () => followCause(reader, input) : () => leaveCause(reader, input))),
    );
    for (let i = clicks.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [clicks[i], clicks[j]] = [clicks[j], clicks[i]];
    }
    const results = await inWaves<unknown>(clicks, 50);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const subscriptions = await db.subscription.findMany({ where: { topicId: cause.id }, include: { events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
    const active = subscriptions.filter((s) => s.status === "active").length;
    expect(await db.subscription.count({ where: { topicId: cause.id, status: "active" } })).toBe(active);
    for (const s of subscriptions) {
      const actions = s.events.map((e) => e.action);
      // The ledger alternates: nobody is followed twice or left twice in a row.
      for (let i = 1; i < actions.length; i++) expect(actions[i], `${s.id}: ${actions.join(",")}`).not.toBe(actions[i - 1]);
      expect(actions[0]).toBe("subscribe");
      expect(actions.at(-1)).toBe(s.status === "active" ? "subscribe" : "leave");
    }
  });
});

describe("owner and operator at the same moment", () => {
  it("an archive racing a suspension never lifts it", async () => {
    const owner = await createUser("owner");
    const operator = await createUser("operator");
    for (let round = 0; round < 10; round++) {
      const cause = await createPublishedCause(owner.id);
      await Promise.allSettled([
        changeCauseStatus(owner, { topicId: cause.id, status: "archived" }),
        decide(operator, { decision: "suspend_cause", target: { kind: "cause", id: cause.id }, reason: "spam wave" }),
      ]);
      const after = await db.topic.findUniqueOrThrow({ where: { id: cause.id } });
      expect(after.status).toBe("suspended");
      expect(["published", "archived"]).toContain(after.suspendedFrom);
    }
  });
});
