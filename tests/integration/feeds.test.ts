/**
 * Feeds, the purest pull: a cause's public feed as RSS 2.0, Atom 1.0 and JSON Feed 1.1 that an
 * independent parser reads, with stable ids, cache validators and 304s that skip rendering; and a
 * reader's private "Mein Feed" behind a secret, rotatable, revocable token. Route handlers are
 * called directly, against the real database.
 */
import Parser from "rss-parser";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as causeRoute from "@/app/api/feeds/c/[slug]/[format]/route";
import * as readerRoute from "@/app/api/feeds/me/[token]/[format]/route";
import { db } from "@/lib/db";
import { revokeReaderFeedToken, rotateReaderFeedToken } from "@/lib/feed/mutations";
import { getCauseFeedUpdates } from "@/lib/feed/queries";
import { followCause, leaveCause } from "@/lib/subscription/mutations";
import { getReaderFeedEntries } from "@/lib/subscription/queries";
import { createPublishedCause, createUser, stamp } from "../support/factories";

// Spies around the expensive queries prove that a 304 never loads (or renders) the entries.
vi.mock("@/lib/feed/queries", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/feed/queries")>();
  return { ...actual, getCauseFeedUpdates: vi.fn(actual.getCauseFeedUpdates) };
});
vi.mock("@/lib/subscription/queries", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/subscription/queries")>();
  return { ...actual, getReaderFeedEntries: vi.fn(actual.getReaderFeedEntries) };
});
beforeEach(() => vi.clearAllMocks());

const APP = "http://localhost:3000"; // APP_URL of the integration projects
const formats = ["rss", "atom", "json"] as const;
type Format = (typeof formats)[number];
const parser = new Parser({ customFields: { item: ["updated"] } });
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
const wholeSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

function causeFeed(slug: string, format: string, headers: Record<string, string> = {}) {
  const request = new NextRequest(`${APP}/api/feeds/c/${slug}/${format}`, { headers });
  return causeRoute.GET(request, { params: Promise.resolve({ slug, format }) });
}
function readerFeed(token: string, format: string, headers: Record<string, string> = {}) {
  const request = new NextRequest(`${APP}/api/feeds/me/${token}/${format}`, { headers });
  return readerRoute.GET(request, { params: Promise.resolve({ token, format }) });
}

/** A published cause whose data is minutes old, so a new update moves Last-Modified. */
async function causeWithUpdates(options: { language?: "de" | "en"; summary?: string; title?: string } = {}) {
  const owner = await createUser("owner");
  const cause = await createPublishedCause(owner.id, { language: options.language ?? "en", title: options.title });
  const topic = await db.topic.update({
    where: { id: cause.id },
    data: { updatedAt: minutesAgo(60), ...(options.summary !== undefined ? { summary: options.summary } : {}) },
  });
  const older = await db.update.create({
    data: {
      topicId: cause.id,
      title: "Older news",
      body: "Plain first update with a [relative link](/c/elsewhere).",
      publishedAt: minutesAgo(30),
    },
  });
  const newer = await db.update.create({
    data: {
      topicId: cause.id,
      title: "Newer & better",
      body: "## Hello\n\n**Bold** and [a link](https://example.org/x).\n\n<script>alert(1)</script><img src=x onerror=alert(2)>",
      publishedAt: minutesAgo(20),
      correctedAt: minutesAgo(15),
      correctionNote: "Date fixed",
    },
  });
  return { owner, topic, older, newer };
}

const permalink = (slug: string, id: string) => `${APP}/c/${slug}/u/${id}`;
/** RSS's full HTML (content:encoded), which rss-parser keeps under its XML name. */
const encoded = (item: Parser.Item) => (item as unknown as Record<string, string>)["content:encoded"];

describe("a cause's public feed", () => {
  it("is RSS 2.0 an independent parser reads: absolute URLs, permalink GUIDs, dates, language, safe HTML", async () => {
    const { topic, newer } = await causeWithUpdates();
    const response = await causeFeed(topic.slug, "rss");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const xml = await response.text();
    const feed = await parser.parseString(xml);

    expect(feed.title).toBe(topic.title);
    expect(feed.description).toBe(topic.summary);
    expect(feed.link).toBe(`${APP}/c/${topic.slug}`);
    expect(feed.feedUrl).toBe(`${APP}/api/feeds/c/${topic.slug}/rss`);
    expect(feed.language).toBe("en");
    expect(feed.items.map((i) => i.title)).toEqual(["Newer & better", "Older news"]);
    const [first, second] = feed.items;
    expect(first.link).toBe(permalink(topic.slug, newer.id));
    expect(first.guid).toBe(permalink(topic.slug, newer.id));
    expect(xml).toContain(`<guid isPermaLink="true">${permalink(topic.slug, newer.id)}</guid>`);
    // pubDate is the first publication (RFC 822, whole seconds), not the correction.
    expect(first.isoDate).toBe(wholeSeconds(newer.publishedAt).toISOString());
    expect(first.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const html = encoded(first);
    expect(html).toContain("<h2>Hello</h2>");
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain('href="https://example.org/x"');
    expect(html).toContain("Date fixed");
    expect(xml).not.toMatch(/<script|onerror|alert\(/);
    expect(encoded(second)).toContain(`href="${APP}/c/elsewhere"`);
    // The teaser is plain text; the <img> became a plain link (markdown.ts), the script vanished.
    expect(first.content).toBe("Hello Bold and a link. x");
  });

  it("is Atom 1.0 with ids, published/updated, xml:lang and html content", async () => {
    const { topic, newer } = await causeWithUpdates({ language: "de" });
    const response = await causeFeed(topic.slug, "atom");
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">');
    const feed = await parser.parseString(xml);

    expect(feed.title).toBe(topic.title);
    expect(feed.link).toBe(`${APP}/c/${topic.slug}`);
    expect(feed.feedUrl).toBe(`${APP}/api/feeds/c/${topic.slug}/atom`);
    expect(feed.lastBuildDate).toBe(wholeSeconds(newer.correctedAt!).toISOString());
    const first = feed.items[0] as Parser.Item & { id: string; updated: string; author: string };
    expect(first.id).toBe(permalink(topic.slug, newer.id));
    expect(first.link).toBe(permalink(topic.slug, newer.id));
    expect(first.title).toBe("Newer &#38; better"); // type="html": escaped HTML, which readers decode
    expect(first.isoDate).toBe(newer.publishedAt.toISOString());
    expect(first.updated).toBe(newer.correctedAt!.toISOString());
    expect(first.author).toBe(topic.title);
    expect(first.content).toContain("<strong>Bold</strong>");
    expect(xml).not.toMatch(/<script|onerror/);
  });

  it("is JSON Feed 1.1, field by field", async () => {
    const { topic, older, newer } = await causeWithUpdates();
    const response = await causeFeed(topic.slug, "json");
    expect(response.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = await response.json();

    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title).toBe(topic.title);
    expect(feed.home_page_url).toBe(`${APP}/c/${topic.slug}`);
    expect(feed.feed_url).toBe(`${APP}/api/feeds/c/${topic.slug}/json`);
    expect(feed.description).toBe(topic.summary);
    expect(feed.language).toBe("en");
    expect(feed.authors).toEqual([{ name: topic.title, url: `${APP}/c/${topic.slug}` }]);
    expect(feed).not.toHaveProperty("author"); // 1.0's field; 1.1 uses authors
    const topLevel = ["version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon", "authors", "language", "expired", "hubs", "items"];
    expect(Object.keys(feed).every((key) => topLevel.includes(key))).toBe(true);

    expect(feed.items).toHaveLength(2);
    const itemKeys = ["id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments"];
    for (const item of feed.items) {
      expect(Object.keys(item).every((key) => itemKeys.includes(key))).toBe(true);
      expect(typeof item.id).toBe("string");
      expect(item.url).toMatch(/^http:\/\/localhost:3000\/c\//);
      expect(item.id).toBe(item.url);
      expect(typeof item.content_html).toBe("string");
      expect(item.language).toBe("en");
      expect(item.authors).toEqual([{ name: topic.title, url: `${APP}/c/${topic.slug}` }]);
      expect(new Date(item.date_published).toISOString()).toBe(item.date_published); // RFC 3339
    }
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      id: permalink(topic.slug, newer.id),
      title: "Newer & better",
      date_published: newer.publishedAt.toISOString(),
      date_modified: newer.correctedAt!.toISOString(),
      summary: "Hello Bold and a link. x",
    });
    expect(first.content_html).not.toMatch(/<script|onerror/);
    expect(second.id).toBe(permalink(topic.slug, older.id));
  });

  it("keeps every entry's id when requested again and when new updates arrive", async () => {
    const { topic } = await causeWithUpdates();
    const ids = async (format: Format) => {
      const body = await (await causeFeed(topic.slug, format)).text();
      if (format === "json") return JSON.parse(body).items.map((i: { id: string }) => i.id);
      return (await parser.parseString(body)).items.map((i) => (format === "rss" ? i.guid : (i as { id?: string }).id));
    };
    for (const format of formats) {
      const before = await ids(format);
      expect(await ids(format)).toEqual(before);
      await db.update.create({ data: { topicId: topic.id, title: `Fresh ${format}`, body: "x" } });
      const after = await ids(format);
      expect(after.slice(1)).toEqual(before);
    }
  });

  it("answers a conditional GET with 304 for either validator, without loading the entries", async () => {
    const { topic } = await causeWithUpdates();
    const first = await causeFeed(topic.slug, "rss");
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/); // strong
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    expect(getCauseFeedUpdates).toHaveBeenCalledTimes(1);

    const byEtag = await causeFeed(topic.slug, "rss", { "if-none-match": etag });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe("");
    expect(byEtag.headers.get("etag")).toBe(etag);
    expect(byEtag.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect((await causeFeed(topic.slug, "rss", { "if-none-match": `W/${etag}, "other"` })).status).toBe(304);

    const byDate = await causeFeed(topic.slug, "rss", { "if-modified-since": lastModified });
    expect(byDate.status).toBe(304);
    expect(getCauseFeedUpdates).toHaveBeenCalledTimes(1); // no 304 rendered anything

    // If-None-Match takes precedence: a stale ETag means 200 even with a fresh date.
    const stale = await causeFeed(topic.slug, "rss", { "if-none-match": '"stale"', "if-modified-since": lastModified });
    expect(stale.status).toBe(200);
    // Each format is its own representation with its own ETag.
    expect((await causeFeed(topic.slug, "atom", { "if-none-match": etag })).status).toBe(200);
  });

  it("answers 200 with new validators once a new update is published", async () => {
    const { topic } = await causeWithUpdates();
    const first = await causeFeed(topic.slug, "json");
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    await db.update.create({ data: { topicId: topic.id, title: "Brand new", body: "New." } });

    const byEtag = await causeFeed(topic.slug, "json", { "if-none-match": etag });
    expect(byEtag.status).toBe(200);
    expect(byEtag.headers.get("etag")).not.toBe(etag);
    expect((await byEtag.json()).items[0].title).toBe("Brand new");
    const byDate = await causeFeed(topic.slug, "json", { "if-modified-since": lastModified });
    expect(byDate.status).toBe(200);
    expect(new Date(byDate.headers.get("last-modified")!).getTime()).toBeGreaterThan(new Date(lastModified).getTime());
    expect((await causeFeed(topic.slug, "json", { "if-none-match": byEtag.headers.get("etag")! })).status).toBe(304);
  });

  it("loads and renders a busy feed once, yet shows a new update at once", async () => {
    const { topic } = await causeWithUpdates();
    const burst = await Promise.all(Array.from({ length: 20 }, () => causeFeed(topic.slug, "atom")));
    const bodies = await Promise.all(burst.map((response) => response.text()));
    expect(burst.every((response) => response.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(new Set(burst.map((response) => response.headers.get("etag"))).size).toBe(1);
    expect(getCauseFeedUpdates).toHaveBeenCalledTimes(1);

    await db.update.create({ data: { topicId: topic.id, title: "Right now", body: "Seen at once." } });
    const after = await causeFeed(topic.slug, "atom");
    expect(await after.text()).toContain("Right now");
    expect(getCauseFeedUpdates).toHaveBeenCalledTimes(2);
  });

  it("exists for archived causes, not for drafts, unknown slugs or unknown formats", async () => {
    const { topic, owner } = await causeWithUpdates();
    const draft = await db.topic.create({
      data: { slug: `draft-${stamp()}`, title: "Secret draft", ownerId: owner.id, status: "draft" },
    });
    for (const format of formats) {
      const response = await causeFeed(draft.slug, format);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.text()).not.toContain("Secret draft");
      expect((await causeFeed(`unknown-${stamp()}`, format)).status).toBe(404);
    }
    for (const format of ["xml", "RSS", "rss2", "", "../json"]) expect((await causeFeed(topic.slug, format)).status).toBe(404);
    for (const slug of ["", "UPPER", "a/b", "x".repeat(300), "%00"]) expect((await causeFeed(slug, "rss")).status).toBe(404);

    const de = await causeFeed(draft.slug, "rss", { "accept-language": "de-DE,de;q=0.9" });
    expect(await de.text()).toMatch(/^Hier gibt es keinen Feed/);

    await db.topic.update({ where: { id: topic.id }, data: { status: "archived", archivedAt: new Date() } });
    expect((await causeFeed(topic.slug, "atom")).status).toBe(200);
  });

  it("never fails on odd content: emoji, RTL, very long titles, empty summary and body, control characters", async () => {
    const { topic } = await causeWithUpdates({ summary: "", title: `Spree 🌊 שלום ${"lang ".repeat(200)}\u0007` });
    const oddTitles = [
      "🧑‍🤝‍🧑 Müll 🌊 رفع القمامة من النهر",
      `Very long ${"title ".repeat(2000)}`,
      "Bell\u0007 backspace\u0008 escape\u001B form\u000C feed ]]> twice ]]> <b>&amp;</b>",
    ];
    // (NUL and lone surrogates never come back from the database: PostgreSQL refuses NUL and
    // SQLite stores U+FFFD for half an emoji. cleanText's unit test covers both.)
    for (const title of oddTitles) await db.update.create({ data: { topicId: topic.id, title, body: "" } });
    await db.update.create({ data: { topicId: topic.id, title: "Body only controls", body: "\u0001\u0002 text \u0003 🌍 מים" } });

    for (const format of formats) {
      const response = await causeFeed(topic.slug, format);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      const titles =
        format === "json"
          ? JSON.parse(body).items.map((i: { title: string }) => i.title)
          : (await parser.parseString(body)).items.map((i) => i.title);
      expect(titles).toHaveLength(6);
      if (format !== "atom") {
        expect(titles).toContain(oddTitles[0]);
        expect(titles).toContain(oddTitles[1]);
        expect(titles).toContain("Bell backspace escape form feed ]]> twice ]]> <b>&amp;</b>");
      }
    }
    const json = await (await causeFeed(topic.slug, "json")).json();
    expect(json.description).toBe(json.title); // an empty summary falls back to the title
    expect(json.title).not.toContain("\u0007");
  });
});

describe("a reader's private feed", () => {
  async function readerFollowing() {
    const reader = await createUser();
    const followed = await causeWithUpdates({ language: "de" });
    const other = await causeWithUpdates();
    const notFollowed = await causeWithUpdates();
    await followCause(reader, { topicId: followed.topic.id, source: "/" });
    await followCause(reader, { topicId: other.topic.id, source: "/" });
    // Followed minutes ago, so a change now moves Last-Modified (HTTP dates have whole seconds).
    await db.subscription.updateMany({ where: { userId: reader.id }, data: { since: minutesAgo(5) } });
    return { reader, followed, other, notFollowed };
  }
  const backdateToken = (userId: string) =>
    db.readerFeedToken.update({ where: { userId }, data: { createdAt: minutesAgo(5) } });

  it("serves the followed causes' updates in every format with a token that is stored only as a hash", async () => {
    const { reader, followed, other } = await readerFollowing();
    const { token } = await rotateReaderFeedToken(reader);
    const row = await db.readerFeedToken.findUniqueOrThrow({ where: { userId: reader.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);

    const rss = await readerFeed(token, "rss", { "accept-language": "en" });
    expect(rss.status).toBe(200);
    expect(rss.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(rss.headers.get("cache-control")).toMatch(/^private/);
    expect(rss.headers.get("x-robots-tag")).toContain("noindex");
    const feed = await parser.parseString(await rss.text());
    expect(feed.title).toBe("My feed · Herzensthema");
    expect(feed.feedUrl).toBe(`${APP}/api/feeds/me/${token}/rss`);
    const expected = [followed.newer, other.newer, followed.older, other.older]
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
      .map((u) => u.id);
    expect(feed.items.map((i) => i.guid!.split("/u/")[1]).sort()).toEqual([...expected].sort());
    const fromFollowed = feed.items.find((i) => i.guid === permalink(followed.topic.slug, followed.newer.id))!;
    expect(encoded(fromFollowed)).toContain(
      `From “<a href="${APP}/c/${followed.topic.slug}">${followed.topic.title}</a>”, which you follow.`,
    );

    const atom = await parser.parseString(await (await readerFeed(token, "atom")).text());
    expect(atom.items).toHaveLength(4);
    const json = await (await readerFeed(token, "json", { "accept-language": "de" })).json();
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.title).toBe("Mein Feed · Herzensthema");
    expect(json.language).toBe("de");
    const languages = Object.fromEntries(json.items.map((i: { id: string; language: string }) => [i.id, i.language]));
    expect(languages[permalink(followed.topic.slug, followed.newer.id)]).toBe("de");
    expect(languages[permalink(other.topic.slug, other.newer.id)]).toBe("en");
  });

  it("answers 304 without loading entries, and 200 again when following changes", async () => {
    const { reader, other } = await readerFollowing();
    const { token } = await rotateReaderFeedToken(reader);
    await backdateToken(reader.id);
    const first = await readerFeed(token, "atom");
    const etag = first.headers.get("etag")!;
    expect(getReaderFeedEntries).toHaveBeenCalledTimes(1);
    expect((await readerFeed(token, "atom", { "if-none-match": etag })).status).toBe(304);
    expect((await readerFeed(token, "atom", { "if-modified-since": first.headers.get("last-modified")! })).status).toBe(304);
    expect(getReaderFeedEntries).toHaveBeenCalledTimes(1);

    await leaveCause(reader, { topicId: other.topic.id, source: "/" });
    const afterLeaving = await readerFeed(token, "atom", { "if-none-match": etag });
    expect(afterLeaving.status).toBe(200);
    expect((await parser.parseString(await afterLeaving.text())).items).toHaveLength(2);
    // Leaving moved Last-Modified as well, so date-only clients notice too.
    expect((await readerFeed(token, "atom", { "if-modified-since": first.headers.get("last-modified")! })).status).toBe(200);
  });

  it("stops working for the old token after rotation, for any token after revoking, and for forged ones", async () => {
    const { reader } = await readerFollowing();
    const { token: old } = await rotateReaderFeedToken(reader);
    expect((await readerFeed(old, "rss")).status).toBe(200);

    const { token: rotated } = await rotateReaderFeedToken(reader);
    expect(rotated).not.toBe(old);
    expect((await readerFeed(old, "rss")).status).toBe(404);
    expect((await readerFeed(rotated, "rss")).status).toBe(200);
    expect(await db.readerFeedToken.count({ where: { userId: reader.id } })).toBe(1);

    await revokeReaderFeedToken(reader);
    await revokeReaderFeedToken(reader); // idempotent
    for (const format of formats) expect((await readerFeed(rotated, format)).status).toBe(404);

    const { token: fresh } = await rotateReaderFeedToken(reader);
    const forged = `${fresh.slice(0, -1)}${fresh.endsWith("A") ? "B" : "A"}`;
    for (const token of [forged, "A".repeat(43), "short", "", "x".repeat(500), "../../etc"]) {
      const response = await readerFeed(token, "rss");
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/error|stack|prisma/i);
    }
    expect((await readerFeed(fresh, "xml")).status).toBe(404);
  });

  it("is a valid, empty feed for a reader who follows nothing", async () => {
    const reader = await createUser();
    const { token } = await rotateReaderFeedToken(reader);
    for (const format of formats) expect((await readerFeed(token, format)).status).toBe(200);
    expect((await (await readerFeed(token, "json")).json()).items).toEqual([]);
    expect((await parser.parseString(await (await readerFeed(token, "rss")).text())).items).toEqual([]);
  });
});
