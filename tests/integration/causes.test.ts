/**
 * Creating, editing and publishing causes and updates: readable unique slugs, owner-only edits,
 * bad input refused with a message key and nothing stored, and publishing that writes O(1) rows.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { followCause } from "@/lib/subscription/mutations";
import { changeCauseStatus, createCause, updateCause } from "@/lib/topic/mutations";
import { getCauseBySlug, listPublishedCauses } from "@/lib/topic/queries";
import { createTopicSchema, exploreFilterSchema, updateTopicSchema } from "@/lib/topic/schema";
import { publishUpdate } from "@/lib/update/mutations";
import { publishUpdateSchema } from "@/lib/update/schema";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const input = (title: string, extra: Record<string, string> = {}) =>
  createTopicSchema.parse({ title, summary: "", body: "", tags: "", language: "de", ...extra });

describe("creating a cause", () => {
  it("makes a readable slug from the title and numbers collisions", async () => {
    const owner = await createUser("owner");
    const title = `Bäume für die Südstadt ${stamp()}`;
    const first = await createCause(owner, input(title));
    const second = await createCause(owner, input(title));
    expect(first.slug).toMatch(/^baeume-fuer-die-suedstadt-[a-z0-9]+$/);
    expect(second.slug).toBe(`${first.slug}-2`);
    expect(first.status).toBe("draft");
  });

  it("refuses a chosen slug that is taken, as a field error, storing nothing", async () => {
    const owner = await createUser("owner");
    const slug = `taken-${stamp()}`;
    await createCause(owner, input("First", { slug }));
    const before = await db.topic.count();
    await expect(createCause(owner, input("Second", { slug }))).rejects.toMatchObject({ key: "slugTaken", field: "slug" });
    expect(await db.topic.count()).toBe(before);
  });

  it("keeps tags as typed, shared between causes whatever their case and accents", async () => {
    const owner = await createUser("owner");
    const other = await createUser("other");
    const n = stamp();
    const a = await createCause(owner, input("Tagged A", { tags: `Bäume${n}, حديقة${n}` }));
    await db.topic.update({ where: { id: a.id }, data: { status: "published", publishedAt: new Date() } });
    const b = await createCause(other, input("Tagged B", { tags: `BÄUME${n}, baeume${n}` }));
    const tags = await db.tag.findMany({ where: { topics: { some: { id: { in: [a.id, b.id] } } } }, orderBy: { slug: "asc" } });
    expect(tags.map(({ slug, label }) => ({ slug, label }))).toEqual([
      { slug: `baeume${n}`, label: `Bäume${n}` },
      { slug: `حديقة${n}`, label: `حديقة${n}` },
    ]);
    // Explore finds both by any spelling of the tag (its key, as links carry it, or as typed).
    for (const tag of [`baeume${n}`, `bäume${n}`, `BÄUME${n}`]) {
      await db.topic.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { status: "published", publishedAt: new Date() } });
      const found = await listPublishedCauses(exploreFilterSchema.parse({ tag }));
      expect(found.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    }
    expect((await listPublishedCauses(exploreFilterSchema.parse({ tag: `حديقة${n}` }))).map((c) => c.id)).toEqual([a.id]);

    const edit = (tags: string) =>
      updateTopicSchema.parse({ topicId: b.id, slug: b.slug, title: "Tagged B", summary: "", body: "", tags, language: "de" });
    // A shared public tag keeps its first spelling when one of its publishers re-types it...
    await updateCause(other, edit(`bäume${n}`));
    expect((await db.tag.findUnique({ where: { slug: `baeume${n}` } }))?.label).toBe(`Bäume${n}`);
    // ...an unshared one follows its only publisher's spelling.
    await updateCause(other, edit(`grün${n}`));
    await updateCause(other, edit(`Grün${n}`));
    expect((await db.tag.findUnique({ where: { slug: `gruen${n}` } }))?.label).toBe(`Grün${n}`);
  });

  it("a draft nobody sees cannot decide how a public tag looks; an orphaned or pre-label tag takes the new spelling", async () => {
    const squatter = await createUser("squatter");
    const publisher = await createUser("publisher");
    const n = stamp();
    const label = async (key: string) => (await db.tag.findUniqueOrThrow({ where: { slug: key } })).label;
    const draft = await createCause(squatter, input("Squat", { tags: `KLIMA${n}` }));
    const mine = await createCause(publisher, input("Mine", { tags: `Klima${n}` }));
    expect(await label(`klima${n}`)).toBe(`Klima${n}`);
    await db.topic.update({ where: { id: mine.id }, data: { status: "published", publishedAt: new Date() } });
    const squat = updateTopicSchema.parse({ topicId: draft.id, slug: draft.slug, title: "Squat", summary: "", body: "", tags: `KLIMA${n}`, language: "de" });
    await updateCause(squatter, squat);
    expect(await label(`klima${n}`)).toBe(`Klima${n}`);

    // Nobody uses it any more: the next cause's spelling is shown, not the old one.
    const first = await createCause(publisher, input("First", { tags: `WALD${n}` }));
    await updateCause(publisher, updateTopicSchema.parse({ topicId: first.id, slug: first.slug, title: "First", summary: "", body: "", tags: "", language: "de" }));
    await createCause(squatter, input("Second", { tags: `Wald${n}` }));
    expect(await label(`wald${n}`)).toBe(`Wald${n}`);

    // A tag from before labels existed (label = key) takes the first real spelling, shared or not.
    const key = `oeffentlicher-raum-${n}`;
    await db.tag.create({ data: { slug: key, label: key } });
    const legacy = await createCause(publisher, input("Legacy", { tags: key }));
    await db.topic.update({ where: { id: legacy.id }, data: { status: "published", publishedAt: new Date() } });
    await createCause(squatter, input("Legacy too", { tags: `Öffentlicher Raum ${n}` }));
    expect(await label(key)).toBe(`Öffentlicher Raum ${n}`);
  });

  it("refuses a tag whose key would not fit explore's link", () => {
    const result = createTopicSchema.safeParse({ title: "Long key", summary: "", body: "", tags: "\uFDFA".repeat(6), language: "de" });
    expect(result.success ? null : result.error.issues[0].message).toBe("tagTooLong");
  });
});

describe("bad input is refused with a message key", () => {
  const base = { summary: "", body: "", tags: "", language: "de" };
  const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
    result.success ? null : result.error!.issues[0].message;

  it("empty or whitespace titles", () => {
    expect(firstMessage(createTopicSchema.safeParse({ ...base, title: "" }))).toBe("titleTooShort");
    expect(firstMessage(createTopicSchema.safeParse({ ...base, title: "   \n " }))).toBe("titleTooShort");
  });

  it("a 10 MB body", () => {
    const body = "x".repeat(10 * 1024 * 1024);
    expect(firstMessage(createTopicSchema.safeParse({ ...base, title: "Big", body }))).toBe("bodyTooLong");
    expect(firstMessage(publishUpdateSchema.safeParse({ topicId: "abc", title: "Big", body }))).toBe("bodyTooLong");
  });

  it("invalid slugs, too many tags, unknown languages and unknown fields", () => {
    expect(firstMessage(createTopicSchema.safeParse({ ...base, title: "Ok title", slug: "Not A Slug" }))).toBe("slugInvalid");
    expect(firstMessage(createTopicSchema.safeParse({ ...base, title: "Ok title", tags: "a,b,c,d,e,f,g,h,i" }))).toBe("tooManyTags");
    // A tag of emoji alone is refused by name, never dropped silently; a bidi override too.
    const emoji = createTopicSchema.safeParse({ ...base, title: "Ok title", tags: "Bäume, 🌳" });
    expect(emoji.success ? null : emoji.error.issues[0]).toMatchObject({ message: "tagNoLetters", params: { tag: "🌳" } });
    expect(firstMessage(createTopicSchema.safeParse({ ...base, title: "Ok title", tags: "Bäume\u202Eemuäb" }))).toBe("bidiControl");
    expect(firstMessage(createTopicSchema.safeParse({ ...base, title: "Ok title", tags: "x".repeat(31) }))).toBe("tagTooLong");
    expect(firstMessage(createTopicSchema.safeParse({ ...base, title: "Ok title", language: "fr" }))).toBe("languageInvalid");
    expect(createTopicSchema.safeParse({ ...base, title: "Ok title", ownerId: "someone" }).success).toBe(false);
  });

  it("drops control characters such as NUL (which PostgreSQL refuses) instead of failing", async () => {
    const owner = await createUser("owner");
    const cause = await createCause(owner, input("Null\u0000 byte\u0007 title", { body: "a\u0000b\nc" }));
    expect(cause.title).toBe("Null byte title");
    expect(cause.body).toBe("ab\nc");
  });

  it("keeps script tags in titles as plain text (escaped when rendered) and strips them from Markdown", async () => {
    const owner = await createUser("owner");
    const cause = await createCause(owner, input("<script>alert('x')</script> Title", { body: "Hi <script>alert(1)</script>" }));
    expect(cause.title).toBe("<script>alert('x')</script> Title");
    const { renderMarkdown } = await import("@/lib/markdown");
    expect(renderMarkdown(cause.body)).not.toContain("<script");
  });
});

describe("editing a cause", () => {
  it("only its owner can edit; for anybody else it does not exist", async () => {
    const [owner, stranger] = await Promise.all([createUser("owner"), createUser("stranger")]);
    const cause = await createCause(owner, input("Mine"));
    const edit = updateTopicSchema.parse({ topicId: cause.id, title: "Hijacked", slug: cause.slug, language: "de" });
    await expect(updateCause(stranger, edit)).rejects.toMatchObject({ key: "notFound" });
    await expect(updateCause(owner, { ...edit, topicId: "unknownid0000000" })).rejects.toMatchObject({ key: "notFound" });
    expect((await db.topic.findUniqueOrThrow({ where: { id: cause.id } })).title).toBe("Mine");
    await updateCause(owner, { ...edit, title: "Still mine" });
    expect((await db.topic.findUniqueOrThrow({ where: { id: cause.id } })).title).toBe("Still mine");
  });

  it("refuses renaming to another cause's slug and changes nothing", async () => {
    const owner = await createUser("owner");
    const a = await createCause(owner, input("A cause"));
    const b = await createCause(owner, input("B cause"));
    const edit = updateTopicSchema.parse({ topicId: b.id, title: "B renamed", slug: a.slug, language: "de" });
    await expect(updateCause(owner, edit)).rejects.toMatchObject({ key: "slugTaken", field: "slug" });
    expect(await db.topic.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ title: "B cause", slug: b.slug });
  });

  it("moves draft → published → archived → published, never back to draft, and hides drafts", async () => {
    const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
    const cause = await createCause(owner, input("Lifecycle"));
    expect(await getCauseBySlug(cause.slug, reader.id)).toBeNull();
    expect(await getCauseBySlug(cause.slug, owner.id)).not.toBeNull();

    await expect(changeCauseStatus(owner, { topicId: cause.id, status: "archived" })).rejects.toMatchObject({ key: "statusChangeNotAllowed" });
    const published = await changeCauseStatus(owner, { topicId: cause.id, status: "published" });
    expect(published.publishedAt).not.toBeNull();
    expect(await getCauseBySlug(cause.slug)).not.toBeNull();
    await expect(changeCauseStatus(reader, { topicId: cause.id, status: "archived" })).rejects.toMatchObject({ key: "notFound" });
    expect((await changeCauseStatus(owner, { topicId: cause.id, status: "archived" })).status).toBe("archived");
    expect((await changeCauseStatus(owner, { topicId: cause.id, status: "published" })).status).toBe("published");
  });
});

describe("publishing an update", () => {
  it("writes exactly one row, however many people follow", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const readers = await Promise.all(Array.from({ length: 25 }, () => createUser()));
    for (const reader of readers) await followCause(reader, { topicId: cause.id, source: "/" });

    const counts = async () =>
      Promise.all([db.update.count(), db.subscription.count(), db.consentEvent.count(), db.updateRead.count(), db.outboxMail.count()]);
    const before = await counts();
    await publishUpdate(owner, publishUpdateSchema.parse({ topicId: cause.id, title: "News", body: "Hello" }));
    const after = await counts();

    expect(after[0] - before[0]).toBe(1);
    expect(after.slice(1)).toEqual(before.slice(1));
  });

  it("is refused on drafts and on causes of others", async () => {
    const [owner, stranger] = await Promise.all([createUser("owner"), createUser("stranger")]);
    const draft = await createCause(owner, input("Draft cause"));
    const published = await createPublishedCause(owner.id);
    const update = (topicId: string) => publishUpdateSchema.parse({ topicId, title: "News", body: "Hello" });
    await expect(publishUpdate(owner, update(draft.id))).rejects.toMatchObject({ key: "causeNotPublished" });
    await expect(publishUpdate(stranger, update(published.id))).rejects.toMatchObject({ key: "notFound" });
    expect(await db.update.count({ where: { topicId: { in: [draft.id, published.id] } } })).toBe(0);
  });
});

describe("push budget and repetition guard", () => {
  const day = 24 * 60 * 60 * 1000;
  const publish = (owner: { id: string }, topicId: string, title: string, body: string, at: Date) =>
    publishUpdate(owner, publishUpdateSchema.parse({ topicId, title, body }), at);

  it("refuses an update over the weekly budget, says when the next slot frees up, and queues nothing", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    await db.topic.update({ where: { id: cause.id }, data: { pushBudget: 2 } });
    const start = new Date("2026-11-01T10:00:00Z");
    await publish(owner, cause.id, "Cleanup report", "We collected 84 kg.", start);
    await publish(owner, cause.id, "New meeting points", "From April we start at the bridge.", new Date(start.getTime() + day));

    const refused = publish(owner, cause.id, "Donated grabbers", "A shop gave us 20 grabbers.", new Date(start.getTime() + 2 * day));
    await expect(refused).rejects.toMatchObject({ key: "overBudget", params: { budget: 2, date: new Date(start.getTime() + 7 * day) } });
    expect(await db.update.count({ where: { topicId: cause.id } })).toBe(2);

    // Once the oldest update leaves the 7-day window, there is room again.
    await publish(owner, cause.id, "Donated grabbers", "A shop gave us 20 grabbers.", new Date(start.getTime() + 7 * day + 1000));
    expect(await db.update.count({ where: { topicId: cause.id } })).toBe(3);
  });

  it("refuses a near-duplicate of an update from the last 14 days, not an older one", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const start = new Date("2026-10-01T10:00:00Z");
    await publish(owner, cause.id, "Clean-up on Saturday", "Meet at 10 at the bridge.", start);
    const again = publish(owner, cause.id, "Clean up on Saturday!", "Meet at 10 at the bridge", new Date(start.getTime() + 3 * day));
    await expect(again).rejects.toMatchObject({ key: "repetition", field: "body", params: { date: start } });
    await publish(owner, cause.id, "Clean up on Saturday!", "Meet at 10 at the bridge", new Date(start.getTime() + 15 * day));
    expect(await db.update.count({ where: { topicId: cause.id } })).toBe(2);
  });

  it("lets the publisher choose a budget between 1 and 7 only", () => {
    const base = { title: "Budget", summary: "", body: "", tags: "", language: "de" };
    expect(createTopicSchema.parse({ ...base, pushBudget: "5" }).pushBudget).toBe(5);
    expect(createTopicSchema.parse(base).pushBudget).toBe(3);
    for (const bad of ["0", "8", "2.5", "many"]) {
      expect(createTopicSchema.safeParse({ ...base, pushBudget: bad }).error?.issues[0].message).toBe("pushBudgetInvalid");
    }
  });
});

describe("explore", () => {
  it("lists published causes only, filtered by text, tag and language", async () => {
    const owner = await createUser("owner");
    const word = `zebra${stamp()}`;
    const tag = `tag${stamp()}`;
    const de = await createCause(owner, input(`Deutsch ${word}`, { tags: tag, language: "de" }));
    const en = await createCause(owner, input(`English ${word.toUpperCase()}`, { language: "en" }));
    await createCause(owner, input(`Draft ${word}`));
    for (const cause of [de, en]) await changeCauseStatus(owner, { topicId: cause.id, status: "published" });

    const slugs = async (filter: Parameters<typeof listPublishedCauses>[0]) => (await listPublishedCauses(filter)).map((c) => c.slug).sort();
    expect(await slugs({ q: word })).toEqual([de.slug, en.slug].sort());
    expect(await slugs({ q: word, lang: "en" })).toEqual([en.slug]);
    expect(await slugs({ tag })).toEqual([de.slug]);
    expect(await slugs({ q: `${word}-nothing` })).toEqual([]);
  });
});
