import { describe, expect, it } from "vitest";
import { causeMetadata, updateMetadata } from "./metadata";
import { causeStructuredData, serializeJsonLd, updateStructuredData } from "./structured-data";

const cause = { slug: "saubere-spree", title: "Saubere Spree", summary: "Müll raus", language: "de", status: "published", tags: [{ slug: "fluss" }] };
const update = { id: "cupd1", kind: "news", title: "42 kg", body: "**Danke** an [alle](https://x.org)!", publishedAt: new Date("2026-03-01T10:00:00Z"), correctedAt: null };
const base = "http://localhost:3000";

describe("causeMetadata", () => {
  const meta = causeMetadata(cause);

  it("has Open Graph with an absolute URL, the locale from the cause's language and a sized image", () => {
    expect(meta.openGraph).toMatchObject({
      type: "website",
      url: `${base}/c/saubere-spree`,
      title: "Saubere Spree",
      description: "Müll raus",
      locale: "de_DE",
      siteName: "Herzensthema",
      images: [{ url: `${base}/api/og/c/saubere-spree`, width: 1200, height: 630, alt: "Vorschaubild: „Saubere Spree“ auf Herzensthema" }],
    });
    expect(causeMetadata({ ...cause, language: "en" }).openGraph).toMatchObject({
      locale: "en_US",
      images: [{ alt: "Preview image: “Saubere Spree” on Herzensthema" }],
    });
  });

  it("asks for the large Twitter card", () => {
    expect(meta.twitter).toMatchObject({ card: "summary_large_image", images: [{ url: `${base}/api/og/c/saubere-spree` }] });
  });

  it("keeps the feed alternates and adds oEmbed and fediverse-actor discovery for the page's absolute URL", () => {
    const types = meta.alternates?.types as Record<string, { url: string }[]>;
    expect(Object.keys(types)).toEqual(["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json+oembed", "application/activity+json"]);
    expect(types["application/activity+json"][0].url).toBe(`${base}/ap/actors/saubere-spree`);
    expect(types["application/json+oembed"][0].url).toBe(`${base}/api/oembed?url=${encodeURIComponent(`${base}/c/saubere-spree`)}&format=json`);
    expect(meta.alternates?.canonical).toBe("/c/saubere-spree");
  });

  it("offers no preview image or oEmbed for a draft (both would answer 404)", () => {
    const draft = causeMetadata({ ...cause, status: "draft" });
    expect(draft.openGraph).toBeUndefined();
    expect(Object.keys(draft.alternates?.types ?? {})).not.toContain("application/json+oembed");
    expect(Object.keys(draft.alternates?.types ?? {})).not.toContain("application/activity+json");
  });
});

describe("updateMetadata", () => {
  it("is an article with its published time, a plain-text description and its own image", () => {
    const meta = updateMetadata(cause, update);
    expect(meta.title).toBe("42 kg · Saubere Spree");
    expect(meta.description).toBe("Danke an alle!");
    expect(meta.openGraph).toMatchObject({
      type: "article",
      url: `${base}/c/saubere-spree/u/cupd1`,
      publishedTime: "2026-03-01T10:00:00.000Z",
      modifiedTime: "2026-03-01T10:00:00.000Z",
      locale: "de_DE",
      images: [{ url: `${base}/api/og/c/saubere-spree/u/cupd1`, width: 1200, height: 630 }],
    });
    expect(meta.twitter).toMatchObject({ card: "summary_large_image" });
  });
});

describe("JSON-LD", () => {
  it("cannot be closed early by a title, and parses back to the same data", () => {
    const data = { name: "</script><script>alert(1)</script> & <!-- \u2028" };
    const json = serializeJsonLd(data);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(data);
  });

  it("describes a cause as a WebPage and an update as a NewsArticle of it", () => {
    expect(causeStructuredData(cause)).toMatchObject({
      "@type": "WebPage",
      name: "Saubere Spree",
      inLanguage: "de",
      url: `${base}/c/saubere-spree`,
      keywords: "fluss",
    });
    expect(updateStructuredData(cause, update)).toMatchObject({
      "@type": "NewsArticle",
      headline: "42 kg",
      datePublished: "2026-03-01T10:00:00.000Z",
      dateModified: "2026-03-01T10:00:00.000Z",
      isPartOf: { "@type": "WebPage", url: `${base}/c/saubere-spree` },
    });
    expect(updateStructuredData(cause, { ...update, kind: "event" })["@type"]).toBe("Article");
  });
});
