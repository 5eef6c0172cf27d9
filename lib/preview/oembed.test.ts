import { describe, expect, it } from "vitest";
import { embedFrameSize, oembedResponse, parseOembedQuery, resolveOembedTarget } from "./oembed";

const query = (params: Record<string, string>) => parseOembedQuery(new URLSearchParams(params));
const app = "https://herzensthema.example.org";

describe("parseOembedQuery", () => {
  it("accepts a page URL with JSON as the default format and optional sizes", () => {
    expect(query({ url: `${app}/c/x` })).toEqual({ ok: true, query: { url: `${app}/c/x`, format: "json" } });
    expect(query({ url: `${app}/c/x`, format: "xml", maxwidth: "300", maxheight: "" })).toEqual({
      ok: true,
      query: { url: `${app}/c/x`, format: "xml", maxwidth: 300 },
    });
  });

  it("names what is wrong", () => {
    expect(query({})).toEqual({ ok: false, error: "urlMissing" });
    expect(query({ url: "  " })).toEqual({ ok: false, error: "urlMissing" });
    expect(query({ url: "not a url" })).toEqual({ ok: false, error: "urlInvalid" });
    expect(query({ url: "javascript:alert(1)" })).toEqual({ ok: false, error: "urlInvalid" });
    expect(query({ url: `${app}/c/x`, maxwidth: "wide" })).toEqual({ ok: false, error: "sizeInvalid" });
    expect(query({ url: `${app}/c/x`, maxheight: "-5" })).toEqual({ ok: false, error: "sizeInvalid" });
    expect(query({ url: `${app}/c/x`, maxwidth: "12.5" })).toEqual({ ok: false, error: "sizeInvalid" });
    expect(query({ url: `${app}/c/x`, format: "yaml" })).toEqual({ ok: false, error: "formatInvalid" });
  });
});

describe("resolveOembedTarget", () => {
  it("knows cause and update pages, with or without query, fragment, trailing slash or https", () => {
    expect(resolveOembedTarget(`${app}/c/saubere-spree`, app)).toEqual({ slug: "saubere-spree" });
    expect(resolveOembedTarget("http://herzensthema.example.org/c/saubere-spree/?ref=abc#top", app)).toEqual({ slug: "saubere-spree" });
    expect(resolveOembedTarget(`${app}/c/saubere-spree/u/clx123abc`, app)).toEqual({ slug: "saubere-spree", updateId: "clx123abc" });
  });

  it("refuses other hosts and answers null for other pages of this app", () => {
    expect(resolveOembedTarget("https://evil.example/c/saubere-spree", app)).toBe("otherHost");
    expect(resolveOembedTarget("https://herzensthema.example.org.evil.example/c/x", app)).toBe("otherHost");
    expect(resolveOembedTarget(`${app}/explore`, app)).toBeNull();
    expect(resolveOembedTarget(`${app}/c/a/b/c`, app)).toBeNull();
    expect(resolveOembedTarget(`${app}/c/%3Cscript%3E`, app)).toBeNull();
  });
});

describe("oembedResponse", () => {
  const input = {
    title: "Saubere Spree",
    frameTitle: `"><script>alert(1)</script>`,
    embedUrl: `${app}/embed/c/saubere-spree`,
    providerUrl: `${app}/`,
    thumbnail: { url: `${app}/api/og/c/saubere-spree`, width: 1200, height: 630 },
  };

  it("is a rich answer with the card in an escaped, sandboxed iframe and the preview as thumbnail", () => {
    const body = oembedResponse({ ...input, query: {} });
    expect(body).toMatchObject({
      version: "1.0",
      type: "rich",
      provider_name: "Herzensthema",
      width: 480,
      height: 400,
      thumbnail_url: input.thumbnail.url,
      thumbnail_width: 1200,
      thumbnail_height: 630,
    });
    expect(body.html).toContain(`src="${app}/embed/c/saubere-spree"`);
    expect(body.html).toContain('width="480" height="400"');
    expect(body.html).toContain('sandbox="allow-popups');
    expect(body.html).not.toContain("<script>");
  });

  it("honours maxwidth and maxheight, leaving out a thumbnail that would not fit", () => {
    expect(embedFrameSize({ maxwidth: 320, maxheight: 1000 })).toEqual({ width: 320, height: 400 });
    const body = oembedResponse({ ...input, query: { maxwidth: 320, maxheight: 300 } });
    expect(body).toMatchObject({ width: 320, height: 300 });
    expect(body.html).toContain('width="320" height="300"');
    expect(body).not.toHaveProperty("thumbnail_url");
  });
});
