/**
 * The timeline query behind Mein Feed, the private feed and group streams (lib/update/timeline.ts)
 * gives exactly what the plain query would — newest first, ties by id, hidden updates left out,
 * keyset pages that neither skip nor repeat — both when the instance's newest updates hold a full
 * page (step 1) and when the causes are quiet and each is read on its own (step 2).
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cursorAfter, newestUpdates } from "@/lib/update/timeline";
import { createPublishedCause, createUser } from "../support/factories";

async function plain(topicIds: string[], take: number, after?: { publishedAt: Date; id: string }) {
  const rows = await db.update.findMany({
    where: {
      topicId: { in: topicIds },
      hiddenAt: null,
      ...(after ? { OR: [{ publishedAt: { lt: after.publishedAt } }, { publishedAt: after.publishedAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => r.id);
}

async function walk(topicIds: string[], pageSize: number) {
  const seen: string[] = [];
  let cursor = null;
  for (let page = 0; page < 50; page++) {
    const rows = await newestUpdates(topicIds, pageSize, cursor);
    expect(rows.map((r) => r.id)).toEqual(await plain(topicIds, pageSize, cursor ?? undefined));
    seen.push(...rows.map((r) => r.id));
    if (rows.length < pageSize) break;
    cursor = await cursorAfter(rows.at(-1)!.id);
  }
  return seen;
}

describe("the timeline", () => {
  it("matches the plain query for quiet causes under a busy instance (step 2), page by page", async () => {
    const owner = await createUser("owner");
    const [busy, quietA, quietB] = await Promise.all([createPublishedCause(owner.id), createPublishedCause(owner.id), createPublishedCause(owner.id)]);
    const base = Date.now() - 10 * 86_400_000;
    // The quiet causes' updates are older than 2 100 of the busy cause's: outside step 1's window.
    await db.update.createMany({ data: Array.from({ length: 2100 }, (_, i) => ({ topicId: busy.id, title: `busy ${i}`, publishedAt: new Date(base + 1_000_000 + i * 1000) })) });
    const sameMoment = new Date(base + 500_000);
    await db.update.createMany({
      data: [
        ...Array.from({ length: 30 }, (_, i) => ({ topicId: quietA.id, title: `a ${i}`, publishedAt: new Date(base + i * 7000) })),
        ...Array.from({ length: 30 }, (_, i) => ({ topicId: quietB.id, title: `b ${i}`, publishedAt: new Date(base + i * 5000) })),
        // Ties across causes are ordered by id.
        { topicId: quietA.id, title: "tie a", publishedAt: sameMoment },
        { topicId: quietB.id, title: "tie b", publishedAt: sameMoment },
      ],
    });
    const hidden = await db.update.findFirstOrThrow({ where: { topicId: quietB.id, title: "b 10" } });
    await db.update.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "test" } });
    const seen = await walk([quietA.id, quietB.id], 7);
    expect(seen).toHaveLength(61);
    expect(new Set(seen).size).toBe(61);
    expect(seen).not.toContain(hidden.id);
  });

  it("matches the plain query when the newest updates hold full pages (step 1)", async () => {
    const owner = await createUser("owner");
    const causes = await Promise.all(Array.from({ length: 6 }, () => createPublishedCause(owner.id)));
    const base = Date.now() + 86_400_000; // the newest of the instance
    await db.update.createMany({
      data: causes.flatMap((cause, c) => Array.from({ length: 15 }, (_, i) => ({ topicId: cause.id, title: `${c}/${i}`, publishedAt: new Date(base + (i * 6 + c) * 1000) }))),
    });
    const seen = await walk(causes.slice(0, 4).map((c) => c.id), 10);
    expect(seen).toHaveLength(60);
  });

  it("returns nothing for no causes, and an unknown cursor is no position", async () => {
    expect(await newestUpdates([], 10)).toEqual([]);
    expect(await cursorAfter("cnonexistent000000")).toBeNull();
  });
});
