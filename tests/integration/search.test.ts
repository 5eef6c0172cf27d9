/**
 * Search on explore and in the group-invite search: "%" and "_" are characters, not wildcards
 * (they used to match everything), and case and accents do not matter, on both databases.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createGroup } from "@/lib/group/mutations";
import { searchInvitableCauses } from "@/lib/group/queries";
import { createCause } from "@/lib/topic/mutations";
import { listPublishedCauses } from "@/lib/topic/queries";
import { createPublishedCause, createUser, stamp } from "../support/factories";

async function publishedVia(ownerId: string, title: string, summary = "") {
  const cause = await createCause({ id: ownerId }, { title, summary, body: "", tags: [], language: "de", pushBudget: 3, slug: "" });
  return db.topic.update({ where: { id: cause.id }, data: { status: "published", publishedAt: new Date() } });
}

describe("explore search", () => {
  it("treats % and _ as themselves: they match nothing unless typed in a title", async () => {
    const owner = await createUser("owner");
    const word = stamp();
    const plain = await publishedVia(owner.id, `Plain ${word}`);
    const percent = await publishedVia(owner.id, `100% ${word} Ökostrom`);
    const ids = async (q: string) => (await listPublishedCauses({ q }, 500)).map((c) => c.id);
    expect(await ids("%")).toEqual([percent.id]);
    expect(await ids("_")).toEqual([]);
    expect(await ids(`% ${word}`)).toEqual([percent.id]);
    expect(await ids(`${word.slice(0, 3)}_${word.slice(4)}`)).toEqual([]);
    expect(await ids("\\")).toEqual([]);
    expect(await ids(word)).toEqual(expect.arrayContaining([plain.id, percent.id]));
  });

  it("ignores case and accents: 'schulhofe' finds 'Schulhöfe', 'repair cafe' finds 'Repair Café'", async () => {
    const owner = await createUser("owner");
    const word = stamp();
    const hoefe = await publishedVia(owner.id, `Grüne Schulhöfe ${word}`);
    const cafe = await publishedVia(owner.id, `Repair Café ${word}`, "Wir reparieren zusammen");
    const ids = async (q: string) => (await listPublishedCauses({ q }, 500)).map((c) => c.id);
    expect(await ids(`schulhofe ${word}`)).toEqual([hoefe.id]);
    expect(await ids(`SCHULHÖFE ${word}`)).toEqual([hoefe.id]);
    expect(await ids(`repair cafe ${word}`)).toEqual([cafe.id]);
    expect(await ids("REPARIEREN ZUSAMMEN")).toContain(cafe.id);
  });
});

describe("the group admin's cause search", () => {
  it("treats % and _ as themselves too", async () => {
    const admin = await createUser("admin");
    const founding = await createPublishedCause(admin.id);
    const group = await createGroup(admin, { topicId: founding.id, name: `Gruppe ${stamp()}`, concern: "Gemeinsam mehr erreichen", description: "", tags: [], language: "de", slug: "" });
    const other = await createUser("other");
    await publishedVia(other.id, `Nichts Besonderes ${stamp()}`);
    // Before, "%" listed every published cause; now only titles with a "%" in them.
    const percent = await searchInvitableCauses(group.id, "%", admin.id);
    expect(percent.every((cause) => cause.title.includes("%"))).toBe(true);
    expect((await searchInvitableCauses(group.id, "_", admin.id)).every((cause) => cause.title.includes("_"))).toBe(true);
    expect(await db.topic.count({ where: { status: "published" } })).toBeGreaterThan(percent.length + 1);
  });
});
