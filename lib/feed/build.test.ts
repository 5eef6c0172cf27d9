import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { renderFeed, type FeedDocument, type FeedEntry } from "./build";

const base = "https://example.org";
const entry = (overrides: Partial<FeedEntry> = {}): FeedEntry => ({
  url: `${base}/c/river/u/u1`,
  title: "Bilanz März",
  contentHtml: "<p>84 kg</p>",
  summary: "84 kg",
  published: new Date("2026-11-19T10:00:00Z"),
  updated: new Date("2026-11-19T10:00:00Z"),
  author: { name: "River & Co", url: `${base}/c/river` },
  language: "de",
  ...overrides,
});
const doc = (entries: FeedEntry[], overrides: Partial<FeedDocument> = {}): FeedDocument => ({
  id: `${base}/c/river`,
  title: "River & Co",
  description: "Summary",
  language: "de",
  homeUrl: `${base}/c/river`,
  feedUrls: { rss: `${base}/f/rss`, atom: `${base}/f/atom`, json: `${base}/f/json` },
  updated: new Date("2026-11-20T10:00:00Z"),
  author: { name: "River & Co", url: `${base}/c/river` },
  entries,
  ...overrides,
});
const parser = new Parser();

describe("renderFeed", () => {
  it("gives the same bytes for the same document (strong ETags depend on it)", () => {
    const d = doc([entry()]);
    for (const format of ["rss", "atom", "json"] as const) expect(renderFeed(d, format)).toBe(renderFeed(d, format));
  });

  it("keeps titles exact in RSS, even with several CDATA terminators, ampersands and entities", async () => {
    const title = "a ]]> b ]]> c & d &amp; <e>";
    const rss = await parser.parseString(renderFeed(doc([entry({ title })], { title: "T &amp; & x" }), "rss"));
    expect(rss.items[0].title).toBe(title);
    expect(rss.title).toBe("T &amp; & x");
  });

  it("escapes Atom's html-typed text, so a title can never become markup", async () => {
    const atom = renderFeed(doc([entry({ title: "<script>x</script> ]]> ]]>" })]), "atom");
    expect(atom).not.toContain("<script>");
    const parsed = await parser.parseString(atom);
    expect(parsed.items[0].title).toBe("&#60;script&#62;x&#60;/script&#62; ]]&#62; ]]&#62;");
  });

  it("states languages in Atom with xml:lang, per entry where it differs", () => {
    const atom = renderFeed(doc([entry({ language: "de" }), entry({ language: "en" })], { language: "de" }), "atom");
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">');
    expect(atom.match(/<entry>/g)).toHaveLength(1);
    expect(atom.match(/<entry xml:lang="en">/g)).toHaveLength(1);
    expect(renderFeed(doc([], { language: 'de" onload="x' }), "atom")).not.toContain("xml:lang");
  });

  it("writes JSON Feed 1.1, not the library's 1.0", () => {
    const json = JSON.parse(renderFeed(doc([entry({ contentHtml: "", summary: "" })]), "json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.language).toBe("de");
    expect(json.authors).toEqual([{ name: "River & Co", url: `${base}/c/river` }]);
    expect(json).not.toHaveProperty("author");
    expect(json.items[0]).toMatchObject({ id: `${base}/c/river/u/u1`, content_html: "", language: "de" });
    expect(json.items[0]).not.toHaveProperty("author");
    expect(json.items[0]).not.toHaveProperty("summary");
  });
});
