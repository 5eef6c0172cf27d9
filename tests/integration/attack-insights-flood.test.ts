/**
 * Hostile review of the read counter under a flood, on SQLite and PostgreSQL: one client network
 * inventing User-Agents to inflate a cause's reads, hundreds of thousands of distinct fake clients
 * (memory stays bounded; past the guard repeats count), requests whose client is unknown (an exempt
 * network, or no app server in front) — and nothing about any of them lands in a table.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as readsRoute } from "@/app/api/reads/route";
import { GET as causeFeedRoute } from "@/app/api/feeds/c/[slug]/[format]/route";
import { db, isPostgres } from "@/lib/db";
import { countRead, flushReadCounts, forgetSeenReaders } from "@/lib/insights/counter";
import { MAX_BROWSERS_PER_NETWORK } from "@/lib/insights/reading-rules";
import { createPublishedCause, createUser } from "../support/factories";

const TOKEN = "attack-insights-flood-token";
const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const APP = "http://localhost:3000";

beforeAll(() => {
  vi.stubGlobal(Symbol.for("herzensthema.server") as unknown as string, { token: TOKEN });
  vi.useFakeTimers({ toFake: ["setInterval"] }); // the counter's flush timer never fires; tests flush
});
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** `client`: the address the app's server vouches for; `vouched`: the whole header as sent. */
function beacon(path: string, agent: string, client: string | null, vouched = client === null ? null : `${TOKEN} ${client}`) {
  const headers = new Headers({ "content-type": "text/plain;charset=UTF-8", "content-length": String(path.length), "user-agent": agent, origin: APP });
  if (vouched !== null) headers.set("x-herzensthema-client", vouched);
  return readsRoute(new NextRequest(`${APP}/api/reads`, { method: "POST", headers, body: path }));
}

function fetchFeed(slug: string, agent: string, client: string) {
  const request = new NextRequest(`${APP}/api/feeds/c/${slug}/rss`, { headers: { "user-agent": agent, "x-herzensthema-client": `${TOKEN} ${client}` } });
  return causeFeedRoute(request, { params: Promise.resolve({ slug, format: "rss" }) });
}

async function total(topicId: string, channel: "page" | "feed") {
  await flushReadCounts();
  const rows = await db.readCount.findMany({ where: { topicId, channel } });
  return rows.reduce((n, r) => n + r.count, 0);
}

describe("inflating a cause's reads", () => {
  it("from one network by inventing a browser per request adds a handful, not one per request", async () => {
    forgetSeenReaders();
    const cause = await createPublishedCause((await createUser("flood")).id);
    const page = `/c/${cause.slug}`;
    // 300 requests, each with a User-Agent of its own: before the fix, 300 reads.
    for (let i = 0; i < 300; i++) expect((await beacon(page, `${BROWSER} Build/${i}`, "203.0.113.66")).status).toBe(204);
    expect(await total(cause.id, "page")).toBe(MAX_BROWSERS_PER_NETWORK);
    // An IPv6 client rotating addresses inside its /64 is one network too.
    for (let i = 0; i < 100; i++) await beacon(page, `${BROWSER} Build/${i}`, `2001:db8:66:1::${i.toString(16)}`);
    expect(await total(cause.id, "page")).toBe(2 * MAX_BROWSERS_PER_NETWORK);
    // The cap is per page: the same network reading another page (an update, the feed) is counted.
    for (let i = 0; i < 30; i++) await fetchFeed(cause.slug, `Miniflux/2.2.${i} (https://miniflux.app)`, "203.0.113.66");
    expect(await total(cause.id, "feed")).toBe(MAX_BROWSERS_PER_NETWORK);
    // And honest readers of the same hour, each on their own network, all count.
    for (let i = 0; i < 25; i++) await beacon(page, BROWSER, `198.51.100.${i + 1}`);
    expect(await total(cause.id, "page")).toBe(2 * MAX_BROWSERS_PER_NETWORK + 25);
  });

  it("stays honest for a household: a few browsers behind one address each count once", async () => {
    forgetSeenReaders();
    const cause = await createPublishedCause((await createUser("household")).id);
    const agents = [BROWSER, BROWSER.replace("Chrome/131.0", "Firefox/133.0"), "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"];
    for (const agent of agents) for (let reload = 0; reload < 3; reload++) await beacon(`/c/${cause.slug}`, agent, "192.0.2.7");
    expect(await total(cause.id, "page")).toBe(3);
  });

  it("with no known client (an exempt network, or no app server) counts every request — the accepted limit", async () => {
    forgetSeenReaders();
    const cause = await createPublishedCause((await createUser("unknown")).id);
    // The app's server strips a client's own x-herzensthema-client and vouches for the socket's
    // address; without it (plain `next start`), or for RATE_LIMIT_EXEMPT networks, there is no
    // network to tell reloads apart by, and every beacon is a read.
    for (let i = 0; i < 10; i++) await beacon(`/c/${cause.slug}`, BROWSER, null);
    for (let i = 0; i < 10; i++) await beacon(`/c/${cause.slug}`, BROWSER, "exempt");
    for (let i = 0; i < 10; i++) await beacon(`/c/${cause.slug}`, BROWSER, null, "forged-token 203.0.113.9");
    expect(await total(cause.id, "page")).toBe(30);
  });
});

describe("feed fetches", () => {
  it("count for a live cause's feed only, by feed readers, a poll answered 304 too, once an hour", async () => {
    forgetSeenReaders();
    const owner = await createUser("feeds");
    const [live, draft, suspended, removed] = await Promise.all([0, 1, 2, 3].map(() => createPublishedCause(owner.id)));
    await db.topic.update({ where: { id: draft.id }, data: { status: "draft" } });
    await db.topic.update({ where: { id: suspended.id }, data: { status: "suspended" } });
    await db.topic.update({ where: { id: removed.id }, data: { status: "removed" } });
    for (const cause of [draft, suspended, removed]) expect((await fetchFeed(cause.slug, "Miniflux/2.2", "192.0.2.90")).status).toBeGreaterThanOrEqual(404);
    const first = await fetchFeed(live.slug, "Miniflux/2.2", "192.0.2.90");
    expect(first.status).toBe(200);
    // A conditional poll a minute later is the same reader: not counted again. Another reader's 304 is.
    const conditional = (client: string) =>
      causeFeedRoute(new NextRequest(`${APP}/api/feeds/c/${live.slug}/rss`, { headers: { "user-agent": "Miniflux/2.2", "if-none-match": first.headers.get("etag")!, "x-herzensthema-client": `${TOKEN} ${client}` } }), { params: Promise.resolve({ slug: live.slug, format: "rss" }) });
    expect((await conditional("192.0.2.90")).status).toBe(304);
    expect((await conditional("192.0.2.91")).status).toBe(304);
    // Other formats of the same feed are the same read; crawlers are none.
    await causeFeedRoute(new NextRequest(`${APP}/api/feeds/c/${live.slug}/atom`, { headers: { "user-agent": "Miniflux/2.2", "x-herzensthema-client": `${TOKEN} 192.0.2.90` } }), { params: Promise.resolve({ slug: live.slug, format: "atom" }) });
    await fetchFeed(live.slug, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) Feedfetcher", "192.0.2.92");
    await fetchFeed(live.slug, "Mozilla/5.0 HeadlessChrome/130.0 RSS reader", "192.0.2.93");
    await fetchFeed(live.slug, "", "192.0.2.94");
    // A script that calls itself a feed reader counts like one: feed readers are told apart by name only.
    await fetchFeed(live.slug, "python-requests/2.31 feedreader", "192.0.2.95");
    for (const cause of [draft, suspended, removed]) expect(await total(cause.id, "feed")).toBe(0);
    expect(await total(live.id, "feed")).toBe(3);
    expect(await total(live.id, "page")).toBe(0);
  });
});

describe("hundreds of thousands of distinct fake clients in one hour", () => {
  it("keep the memory bounded; past the guard a reload counts again (over-, never under-counted)", async () => {
    forgetSeenReaders();
    const cause = await createPublishedCause((await createUser("guard")).id);
    const read = { topicId: cause.id, channel: "page" as const };
    const now = new Date();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    // 205,000 networks, each one browser: more than the guard remembers (200,000).
    for (let i = 0; i < 205_000; i++) countRead(read, { client: `2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::/64`, agent: BROWSER }, now);
    const seconds = (performance.now() - started) / 1000;
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(seconds).toBeLessThan(25); // two keyed hashes a read: ~10–40 µs
    // ~200,000 remembered keys of 22 characters (plus their networks); never one per request forever.
    expect(grownMb).toBeLessThan(150);
    // A reader the guard no longer has room for is counted each time it reloads: known and accepted.
    countRead(read, { client: "192.0.2.200", agent: BROWSER }, now);
    countRead(read, { client: "192.0.2.200", agent: BROWSER }, now);
    // Still one pending sum per (cause, update, channel, hour): one row, however many readers.
    await flushReadCounts();
    const rows = await db.readCount.findMany({ where: { topicId: cause.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].count).toBe(205_002);
    forgetSeenReaders();
  });

  it("leave nothing of theirs in any table", async () => {
    forgetSeenReaders();
    const cause = await createPublishedCause((await createUser("trail")).id);
    const marker = `FloodMarker${Date.now()}`;
    for (let i = 0; i < 5; i++) await beacon(`/c/${cause.slug}`, `${BROWSER} ${marker}`, `203.0.113.${200 + i}`);
    for (let i = 0; i < 5; i++) await fetchFeed(cause.slug, `NetNewsWire ${marker}`, `2001:db8:beef:${i}::1`);
    await flushReadCounts();
    const tables: { name: string }[] = isPostgres
      ? await db.$queryRawUnsafe(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
      : await db.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
    for (const { name } of tables) {
      const text = JSON.stringify(await db.$queryRawUnsafe(`SELECT * FROM "${name}"`), (_, v) => (typeof v === "bigint" ? String(v) : v));
      for (const needle of [marker, "203.0.113.20", "2001:db8:beef", "NetNewsWire"]) expect(text, `${name} holds ${needle}`).not.toContain(needle);
    }
    expect(await total(cause.id, "page")).toBe(5);
    expect(await total(cause.id, "feed")).toBe(5);
  });
});
