/**
 * Hostile review of the read beacon (POST /api/reads), on SQLite and PostgreSQL: which pages count
 * (drafts, hidden and deleted updates, suspended and removed causes, another cause's update under
 * this slug do not), what a forged path, size, Origin or User-Agent gets, and how long a suspension
 * or a hidden update takes to stop the counting when another instance made it (the 60 s memory).
 */
import net from "node:net";
import http from "node:http";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as readsRoute } from "@/app/api/reads/route";
import { db } from "@/lib/db";
import { flushReadCounts, forgetSeenReaders } from "@/lib/insights/counter";
import { publishUpdate } from "@/lib/update/mutations";
import { publishUpdateSchema } from "@/lib/update/schema";
import { createPublishedCause, createUser } from "../support/factories";

const TOKEN = "attack-insights-beacon-token";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const APP = "http://localhost:3000";
let nextIp = 1;
const freshIp = () => `198.18.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

beforeAll(() => {
  vi.stubGlobal(Symbol.for("herzensthema.server") as unknown as string, { token: TOKEN });
  // The counter's 10 s flush timer must not write (and so end the target memory) mid-test: it is
  // started on a fake interval that never fires. Every test flushes itself.
  vi.useFakeTimers({ toFake: ["setInterval"] });
});
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

type Beacon = { ip?: string | null; agent?: string | null; origin?: string | null; fetchSite?: string; length?: string | null; body?: BodyInit };

function beacon(path: string, { ip = freshIp(), agent = BROWSER, origin = APP, fetchSite, length, body }: Beacon = {}) {
  const headers = new Headers({ "content-type": "text/plain;charset=UTF-8" });
  const declared = length === undefined ? String(Buffer.byteLength(path)) : length;
  if (declared !== null) headers.set("content-length", declared);
  if (agent !== null) headers.set("user-agent", agent);
  if (ip !== null) headers.set("x-herzensthema-client", `${TOKEN} ${ip}`);
  if (origin !== null) headers.set("origin", origin);
  if (fetchSite) headers.set("sec-fetch-site", fetchSite);
  const init = { method: "POST", headers, body: body ?? path, duplex: "half" } as RequestInit & { duplex: "half" };
  return readsRoute(new NextRequest(`${APP}/api/reads`, init as ConstructorParameters<typeof NextRequest>[1]));
}

async function pageReads(topicId: string) {
  await flushReadCounts();
  const rows = await db.readCount.findMany({ where: { topicId, channel: "page" } });
  return { cause: rows.filter((r) => r.updateId === "").reduce((n, r) => n + r.count, 0), updates: rows.filter((r) => r.updateId !== "").reduce((n, r) => n + r.count, 0) };
}

async function causeWithUpdate(label: string) {
  const owner = await createUser(label);
  const cause = await createPublishedCause(owner.id);
  const update = await publishUpdate(owner, publishUpdateSchema.parse({ topicId: cause.id, kind: "news", title: `Neuigkeit ${label}`, body: "Text" }));
  return { owner, cause, update, page: `/c/${cause.slug}`, updatePage: `/c/${cause.slug}/u/${update.id}` };
}

// A write another instance made: raw SQL through $queryRaw, which this process does not count as
// one of its own writes (lib/db-client.ts), so its short caches are not told.
const elsewhere = (sql: string) => db.$queryRawUnsafe(`${sql} RETURNING "id"`);

describe("what a beacon counts for", () => {
  it("counts live causes and their visible updates only", async () => {
    forgetSeenReaders();
    const live = await causeWithUpdate("live");
    const other = await causeWithUpdate("other");
    const draft = await createPublishedCause(live.owner.id);
    await db.topic.update({ where: { id: draft.id }, data: { status: "draft" } });
    const suspended = await createPublishedCause(live.owner.id);
    await db.topic.update({ where: { id: suspended.id }, data: { status: "suspended" } });
    const removed = await createPublishedCause(live.owner.id);
    await db.topic.update({ where: { id: removed.id }, data: { status: "removed" } });
    const archived = await createPublishedCause(live.owner.id);
    await db.topic.update({ where: { id: archived.id }, data: { status: "archived" } });
    const hidden = await publishUpdate(live.owner, publishUpdateSchema.parse({ topicId: live.cause.id, kind: "news", title: "Versteckt", body: "Text" }));
    await db.update.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "spam" } });

    for (const path of [`/c/${draft.slug}`, `/c/${suspended.slug}`, `/c/${removed.slug}`, `/c/${live.cause.slug}/u/${hidden.id}`, `/c/${live.cause.slug}/u/${other.update.id}`, `/c/${other.cause.slug}/u/${live.update.id}`]) {
      expect((await beacon(path)).status, path).toBe(400);
    }
    expect((await beacon(`/c/${archived.slug}`)).status).toBe(204); // archived causes are still read
    expect((await beacon(live.page)).status).toBe(204);
    expect((await beacon(live.updatePage)).status).toBe(204);
    for (const id of [draft.id, suspended.id, removed.id]) expect(await pageReads(id)).toEqual({ cause: 0, updates: 0 });
    expect(await pageReads(live.cause.id)).toEqual({ cause: 1, updates: 1 });
    expect(await pageReads(other.cause.id)).toEqual({ cause: 0, updates: 0 });
    expect(await pageReads(archived.id)).toEqual({ cause: 1, updates: 0 });
  });

  it("refuses every other spelling of a page, and counts a trailing newline as the page itself", async () => {
    forgetSeenReaders();
    const { cause, update, page, updatePage } = await causeWithUpdate("paths");
    const refused = [
      `${page}/`, `${page}?ref=abc`, `${page}#top`, `${page}/../${cause.slug}`, `/c/../c/${cause.slug}`, `//c/${cause.slug}`,
      `/C/${cause.slug}`, page.toUpperCase(), `/c/${encodeURIComponent(cause.slug).replace("c", "%63")}`, `${APP}${page}`,
      `${page}\u0000`, `${page}\u200e`, `\u202e${page}`, `${page}\u2066`, `${page}/u/`, `${updatePage}/`, `${page}/u/${update.id.toUpperCase()}`,
      `${page}\r\nX-Injected: 1`, `${page} ${page}`, `/c/${cause.slug.replace("-", "\u2010")}`, "", " ",
    ];
    for (const path of refused) expect((await beacon(path)).status, JSON.stringify(path)).toBe(400);
    // Whitespace around the path (String#trim) is no other page: the same target, one read per reader.
    const ip = freshIp();
    for (const path of [`${page}\r\n`, `\t${page}`, `${page}\u00a0`, `\ufeff${page}`]) expect((await beacon(path, { ip })).status).toBe(204);
    expect(await pageReads(cause.id)).toEqual({ cause: 1, updates: 0 });
  });

  it("reads no more than a beacon can say, and nothing without a length", async () => {
    forgetSeenReaders();
    const { cause, page } = await causeWithUpdate("sizes");
    const megabyte = `${page}${" ".repeat(1024 * 1024)}`;
    expect((await beacon(megabyte)).status).toBe(413); // refused by its declared length, unread
    expect((await beacon(megabyte, { length: "40" })).status).toBe(413); // a body longer than it said
    expect((await beacon(`${page}${" ".repeat(300)}`)).status).toBe(413); // padding past 256 is no page
    expect((await beacon(page, { length: null })).status).toBe(411);
    expect((await beacon(page, { length: "abc" })).status).toBe(411);
    expect((await beacon(page, { length: "Infinity" })).status).toBe(411);
    expect((await beacon(page, { length: "1e9" })).status).toBe(413);
    expect((await beacon(page, { length: "99999999999999999999999" })).status).toBe(413);
    // Chunked: no Content-Length at all.
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(page)), c.close()) });
    expect((await beacon(page, { length: null, body: stream })).status).toBe(411);
    expect(await pageReads(cause.id)).toEqual({ cause: 0, updates: 0 });
  });

  it("never sees a negative, fractional or doubled length: Node's parser answers 400 first", async () => {
    // The route checks only that the length is a finite number ≤ 256; "-1" or "1.5" would pass it.
    // They cannot arrive: node:http (under scripts/server.mjs and next start) refuses them itself.
    const server = http.createServer((_, res) => res.end("reached"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const raw = (head: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => socket.end(`POST /api/reads HTTP/1.1\r\nHost: x\r\n${head}\r\n/c/x`));
        let answer = "";
        socket.on("data", (d) => (answer += d));
        socket.on("close", () => resolve(answer.split("\r\n")[0]));
        socket.on("error", () => resolve(answer.split("\r\n")[0]));
      });
    try {
      for (const head of ["Content-Length: -1\r\n", "Content-Length: 1.5\r\n", "Content-Length: 0x4\r\n", "Content-Length: 4\r\nContent-Length: 9\r\n", "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n"]) {
        expect(await raw(head), head).toMatch(/^HTTP\/1\.1 400/);
      }
      expect(await raw("Content-Length: 4\r\n")).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("takes this site's pages only: Origin, or Sec-Fetch-Site when a browser sends Origin null", async () => {
    forgetSeenReaders();
    const { cause, page } = await causeWithUpdate("origin");
    const forged = ["https://evil.example", `${APP}/`, `${APP}.evil.example`, "https://localhost:3000", "http://localhost:3001", "http://127.0.0.1:3000", "http://LOCALHOST:3000"];
    for (const origin of forged) expect((await beacon(page, { origin })).status, origin).toBe(403);
    expect((await beacon(page, { origin: "null" })).status).toBe(403);
    expect((await beacon(page, { origin: "null", fetchSite: "cross-site" })).status).toBe(403);
    expect((await beacon(page, { origin: null })).status).toBe(403);
    expect((await beacon(page, { origin: null, fetchSite: "same-site" })).status).toBe(403);
    expect((await beacon(page, { origin: "https://evil.example", fetchSite: "same-origin" })).status).toBe(403);
    expect((await beacon(page, { origin: "null", fetchSite: "same-origin" })).status).toBe(204);
    expect((await beacon(page, { origin: null, fetchSite: "same-origin" })).status).toBe(204);
    expect(await pageReads(cause.id)).toEqual({ cause: 2, updates: 0 });
  });

  it("counts browsers, not bots, and no agent longer than 1000 characters", async () => {
    forgetSeenReaders();
    const { cause, page } = await causeWithUpdate("agents");
    const bots = [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/130.0 Safari/537.36",
      "curl/8.5.0", "python-requests/2.31.0", "Wget/1.21", "facebookexternalhit/1.1", "Feedly/1.0 (+http://www.feedly.com/fetcher.html)",
      "", `${BROWSER} ${"x".repeat(1001 - BROWSER.length - 1)}`,
    ];
    for (const agent of bots) expect((await beacon(page, { agent })).status).toBe(204);
    expect((await beacon(page, { agent: null })).status).toBe(204);
    expect(await pageReads(cause.id)).toEqual({ cause: 0, updates: 0 });
    const longest = `${BROWSER} ${"x".repeat(1000 - BROWSER.length - 1)}`;
    expect(longest).toHaveLength(1000);
    const response = await beacon(page, { agent: longest });
    expect(response.status).toBe(204);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("");
    expect(await pageReads(cause.id)).toEqual({ cause: 1, updates: 0 });
  });
});

describe("a suspension or a hidden update made by another instance", () => {
  it("stops the counting here within the minute the target is remembered, at once after a write here", async () => {
    forgetSeenReaders();
    const { cause, update, page, updatePage } = await causeWithUpdate("stale");
    expect((await beacon(page)).status).toBe(204);
    expect((await beacon(updatePage)).status).toBe(204);
    await elsewhere(`UPDATE "Update" SET "hiddenAt" = CURRENT_TIMESTAMP WHERE "id" = '${update.id}'`);
    await elsewhere(`UPDATE "Topic" SET "status" = 'suspended' WHERE "id" = '${cause.id}'`);
    // Still remembered as live: counted. Acceptable — the page itself is already 410 for new
    // visitors (proxy.ts), only beacons of pages opened before arrive, and the count is the owner's.
    expect((await beacon(page)).status).toBe(204);
    expect((await beacon(updatePage)).status).toBe(204);
    // A minute later the memory has gone, whatever this process wrote.
    vi.useFakeTimers({ toFake: ["Date", "setInterval"] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await beacon(page)).status).toBe(400);
    expect((await beacon(updatePage)).status).toBe(400);
    vi.useFakeTimers({ toFake: ["setInterval"] });
    expect(await pageReads(cause.id)).toEqual({ cause: 2, updates: 2 });

    // The same suspension made in this process is seen at once (any write here ends the memory).
    forgetSeenReaders();
    const here = await causeWithUpdate("here");
    expect((await beacon(here.updatePage)).status).toBe(204);
    await db.update.update({ where: { id: here.update.id }, data: { hiddenAt: new Date(), hiddenReason: "spam" } });
    expect((await beacon(here.updatePage)).status).toBe(400);
    expect((await beacon(here.page)).status).toBe(204);
    await db.topic.update({ where: { id: here.cause.id }, data: { status: "suspended" } });
    expect((await beacon(here.page)).status).toBe(400);
    expect(await pageReads(here.cause.id)).toEqual({ cause: 1, updates: 1 });
  });
});
