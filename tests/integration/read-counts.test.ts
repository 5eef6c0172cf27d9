/**
 * Ursachenforschung's read counters on SQLite and PostgreSQL: a burst of page views (through the
 * real beacon route) and feed fetches (through the real feed route) becomes exactly the expected
 * hourly sums — reloads, bots and other sites' pages not counted — and no table holds anything
 * about a reader. Then a seeded history reads back as the dashboard's numbers.
 */
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as readsRoute } from "@/app/api/reads/route";
import { GET as causeFeedRoute } from "@/app/api/feeds/c/[slug]/[format]/route";
import { db, isPostgres } from "@/lib/db";
import { flushReadCounts, forgetSeenReaders } from "@/lib/insights/counter";
import { getCauseInsights, getGroupInsights } from "@/lib/insights/queries";
import { runRetention } from "@/lib/privacy/retention";
import { publishUpdate } from "@/lib/update/mutations";
import { publishUpdateSchema } from "@/lib/update/schema";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const TOKEN = "read-counts-test-token";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const APP = "http://localhost:3000";

beforeAll(() => vi.stubGlobal(Symbol.for("herzensthema.server") as unknown as string, { token: TOKEN }));
afterAll(() => vi.unstubAllGlobals());

function beacon(path: string, { ip = "203.0.113.10", agent = BROWSER, origin = APP }: { ip?: string; agent?: string; origin?: string | null } = {}) {
  const headers = new Headers({ "content-type": "text/plain;charset=UTF-8", "content-length": String(Buffer.byteLength(path)), "user-agent": agent, "x-herzensthema-client": `${TOKEN} ${ip}` });
  if (origin) headers.set("origin", origin);
  return readsRoute(new NextRequest(`${APP}/api/reads`, { method: "POST", headers, body: path }));
}

function fetchFeed(slug: string, { ip = "203.0.113.20", agent = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers)" } = {}) {
  const request = new NextRequest(`${APP}/api/feeds/c/${slug}/atom`, { headers: { "user-agent": agent, "x-herzensthema-client": `${TOKEN} ${ip}` } });
  return causeFeedRoute(request, { params: Promise.resolve({ slug, format: "atom" }) });
}

async function countsOf(topicId: string) {
  const rows = await db.readCount.findMany({ where: { topicId } });
  const total = (updateId: string, channel: string) => rows.filter((r) => r.updateId === updateId && r.channel === channel).reduce((n, r) => n + r.count, 0);
  return { rows, total };
}

async function publish(owner: { id: string }, topicId: string, title: string, publishedAt: Date) {
  const update = await publishUpdate(owner, publishUpdateSchema.parse({ topicId, kind: "news", title, body: `Text ${stamp()}` }));
  return db.update.update({ where: { id: update.id }, data: { publishedAt } });
}

describe("read counters", () => {
  it("count a burst of views and fetches exactly, without reloads, bots or other sites", async () => {
    forgetSeenReaders();
    const owner = await createUser("reads");
    const cause = await createPublishedCause(owner.id);
    const update = await publishUpdate(owner, publishUpdateSchema.parse({ topicId: cause.id, kind: "news", title: "Erste", body: "Text" }));
    const page = `/c/${cause.slug}`;

    // Twenty browsers at once, each from its own address; the first reloads twice.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => beacon(page, { ip: `203.0.113.${100 + i}` })));
    expect(burst.every((r) => r.status === 204)).toBe(true);
    await beacon(page, { ip: "203.0.113.100" });
    await beacon(page, { ip: "203.0.113.100" });
    // The same network with another browser is another reader.
    await beacon(page, { ip: "203.0.113.100", agent: BROWSER.replace("Chrome/130.0", "Firefox/133.0") });
    // The update's own page, twice from two readers.
    await beacon(`${page}/u/${update.id}`, { ip: "203.0.113.1" });
    await beacon(`${page}/u/${update.id}`, { ip: "203.0.113.2" });
    // Not counted: a crawler, a headless browser, no User-Agent, another site's page, no Origin.
    await beacon(page, { agent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
    await beacon(page, { agent: "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/130.0 Safari/537.36" });
    await beacon(page, { agent: "" });
    expect((await beacon(page, { origin: "https://evil.example" })).status).toBe(403);
    // Unknown pages, another cause's update under this slug, too long a body: refused.
    expect((await beacon("/c/does-not-exist")).status).toBe(400);
    expect((await beacon(`${page}/u/nope`)).status).toBe(400);
    expect((await beacon("/explore")).status).toBe(400);
    expect((await beacon(`${page}?${"x".repeat(400)}`)).status).toBe(413);

    // Feed readers: Feedly polls four times within the hour (one read), Miniflux once, Googlebot not.
    for (let i = 0; i < 4; i++) expect((await fetchFeed(cause.slug)).status).toBe(200);
    await fetchFeed(cause.slug, { ip: "203.0.113.21", agent: "Miniflux/2.2.3 (https://miniflux.app)" });
    await fetchFeed(cause.slug, { ip: "203.0.113.22", agent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });

    await flushReadCounts();
    const { rows, total } = await countsOf(cause.id);
    expect(total("", "page")).toBe(21);
    expect(total(update.id, "page")).toBe(2);
    expect(total("", "feed")).toBe(2);
    // One row per (update, channel, hour): sums, nothing else.
    expect(rows.length).toBeLessThanOrEqual(6);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["channel", "count", "day", "hour", "topicId", "updateId"]);
  });

  it("add up across flushes and processes, and keep no reader anywhere", async () => {
    forgetSeenReaders();
    const owner = await createUser("reads");
    const cause = await createPublishedCause(owner.id);
    const marker = `TrailMarker-${randomUUID()}`;
    const agent = `${BROWSER} ${marker}`;
    await beacon(`/c/${cause.slug}`, { ip: "198.51.100.77", agent });
    const flushes = Promise.all([flushReadCounts(), flushReadCounts()]);
    forgetSeenReaders(); // the hour turns: the same browser counts again
    await beacon(`/c/${cause.slug}`, { ip: "198.51.100.77", agent });
    await flushes;
    await flushReadCounts();
    expect((await countsOf(cause.id)).total("", "page")).toBe(2);

    // No table of the database holds the reader's address or browser, in any form we wrote.
    const tables: { name: string }[] = isPostgres
      ? await db.$queryRawUnsafe(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
      : await db.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
    expect(tables.length).toBeGreaterThan(20);
    for (const { name } of tables) {
      const rows: unknown[] = await db.$queryRawUnsafe(`SELECT * FROM "${name}"`);
      const text = JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? String(v) : v));
      expect(text, name).not.toContain(marker);
      expect(text, name).not.toContain("198.51.100.77");
    }
  });

  it("read back as reach per update, reading times, a window, places and spikes — for the owner only", async () => {
    const owner = await createUser("reads");
    const cause = await createPublishedCause(owner.id);
    const now = new Date();
    const hour = 60 * 60 * 1000;
    // Two updates: the first ten days ago, the second three days ago.
    const first = await publish(owner, cause.id, "Zehn Tage alt", new Date(now.getTime() - 240 * hour));
    const second = await publish(owner, cause.id, "Drei Tage alt", new Date(now.getTime() - 72 * hour));
    const bucket = (at: Date) => ({ day: at.toISOString().slice(0, 10), hour: at.getUTCHours() });
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * hour);
    await db.readCount.createMany({
      data: [
        // While the first update was the newest: 7 page views and 4 feed fetches.
        { topicId: cause.id, updateId: "", channel: "page", ...bucket(at(230)), count: 7 },
        { topicId: cause.id, updateId: "", channel: "feed", ...bucket(at(200)), count: 4 },
        // Its own page: 5 on its first day, 3 on its second, 9 on day eight (not shown: first week only).
        { topicId: cause.id, updateId: first.id, channel: "page", ...bucket(at(239)), count: 5 },
        { topicId: cause.id, updateId: first.id, channel: "page", ...bucket(at(215)), count: 3 },
        { topicId: cause.id, updateId: first.id, channel: "page", ...bucket(at(60)), count: 9 },
        // The second: 30 page views in one hour, 2 own views.
        { topicId: cause.id, updateId: "", channel: "page", ...bucket(at(50)), count: 30 },
        { topicId: cause.id, updateId: second.id, channel: "page", ...bucket(at(70)), count: 2 },
      ],
    });
    const ref = await db.shareRef.create({ data: { topicId: cause.id, code: `thread-${stamp()}`, label: "Mastodon-Thread", days: { create: [{ day: bucket(now).day, visits: 40, follows: 4 }] } } });

    const insights = await getCauseInsights(cause.id, owner.id, now);
    expect(insights).not.toBeNull();
    const { reach, reading, places, hints } = insights!;
    expect(reach.map((u) => u.id)).toEqual([second.id, first.id]);
    expect(reach[1]).toMatchObject({ pageViews: 7, feedFetches: 4, total: 5 + 3 + 7 + 4 });
    expect(reach[1].ownViews).toEqual([5, 3, 0, 0, 0, 0, 0]);
    expect(reach[0]).toMatchObject({ pageViews: 30, feedFetches: 0, total: 32 });
    // The heat map holds every read of the four weeks, in the instance's zone.
    expect(reading.grid.flat().reduce((n, c) => n + c, 0)).toBe(7 + 4 + 5 + 3 + 9 + 30 + 2);
    expect(reading.window).not.toBeNull();
    expect(reading.window!.reads).toBeGreaterThanOrEqual(30);
    expect(reading.quiet).toBeNull(); // nobody follows by email
    expect(places).toEqual([{ id: ref.id, label: "Mastodon-Thread", personal: false, visits: 40, follows: 4, conversion: 0.1 }]);
    expect(hints.map((h) => h.key)).toContain("bestPlace");

    expect(await getCauseInsights(cause.id, (await createUser("other")).id, now)).toBeNull();
    // A group of three live causes: its admin sees their readers' hours added up (the others read nothing).
    const partners = await Promise.all([createPublishedCause((await createUser("p1")).id), createPublishedCause((await createUser("p2")).id)]);
    const group = await db.partnerGroup.create({
      data: { slug: `g-${stamp()}`, name: "Gruppe", concern: "Anliegen", adminTopicId: cause.id, memberships: { create: [cause, ...partners].map((c) => ({ topicId: c.id })) } },
    });
    const groupView = await getGroupInsights(group.id, owner.id, now);
    expect(groupView!.reading!.grid.flat().reduce((n, c) => n + c, 0)).toBe(60);
    expect(await getGroupInsights(group.id, (await createUser("other")).id, now)).toBeNull();
  });

  it("weigh quiet hours only of those mailed each update at once", async () => {
    const owner = await createUser("reads");
    const cause = await createPublishedCause(owner.id);
    const now = new Date();
    const follower = (extra: Record<string, unknown>) =>
      db.subscription.create({ data: { topicId: cause.id, channel: "email", email: `q-${stamp()}@example.org`, emailSince: now, ...extra } });
    // Counted: two with the default quiet hours (22–07 Berlin), one without any.
    await follower({});
    await follower({});
    await follower({ quietStart: null, quietEnd: null });
    // Not counted: a digest reader, a paused one, a bounced one, one never confirmed, one who left.
    await follower({ cadence: "daily" });
    await follower({ pausedUntil: new Date(now.getTime() + 86_400_000) });
    await follower({ bouncedAt: now });
    await follower({ emailSince: null, status: "pending" });
    await follower({ status: "left", leftAt: now });
    const { reading } = (await getCauseInsights(cause.id, owner.id, now))!;
    expect(reading.quiet![2][23]).toBeCloseTo(2 / 3); // Wednesday 23:00
    expect(reading.quiet![2][12]).toBe(0);
  });

  it("go after 90 days", async () => {
    const owner = await createUser("reads");
    const cause = await createPublishedCause(owner.id);
    await db.readCount.createMany({
      data: [
        { topicId: cause.id, channel: "page", day: "2000-01-01", hour: 3, count: 5 },
        { topicId: cause.id, channel: "page", day: new Date().toISOString().slice(0, 10), hour: 3, count: 5 },
      ],
    });
    const removed = await runRetention();
    expect(removed.readCounts).toBeGreaterThanOrEqual(1);
    expect((await db.readCount.findMany({ where: { topicId: cause.id } })).map((r) => r.day)).toEqual([new Date().toISOString().slice(0, 10)]);
  });
});
