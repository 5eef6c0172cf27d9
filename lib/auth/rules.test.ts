import { describe, expect, it } from "vitest";
import { isSameOriginPost, safeReturnPath } from "./rules";

describe("safeReturnPath", () => {
  it("keeps paths on this site with their query and hash", () => {
    expect(safeReturnPath("/c/saubere-spree?ref=forum-k7q&counted=1")).toBe("/c/saubere-spree?ref=forum-k7q&counted=1");
    expect(safeReturnPath("/feed#top")).toBe("/feed#top");
  });
  it("refuses everything a browser could read as another host", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "/\tevil.example", "/%09/evil.example".replace("%09", "\t"), "https://evil.example", "javascript:alert(1)", "", undefined, ["/feed"], "/\n/evil"]) {
      expect(safeReturnPath(bad)).toBe("/feed");
    }
  });
  it("normalises dot segments instead of letting them escape", () => {
    expect(safeReturnPath("/a/../../b")).toBe("/b");
  });
});

describe("isSameOriginPost", () => {
  const app = "https://herzensthema.example.org";
  const bag = (h: Record<string, string>) => ({ get: (k: string) => h[k] ?? null });
  it("accepts a POST from this site's own pages", () => {
    expect(isSameOriginPost(bag({ origin: app }), app)).toBe(true);
    expect(isSameOriginPost(bag({ "sec-fetch-site": "same-origin" }), app)).toBe(true);
    // A page without Referer (no-referrer) posts with Origin "null"; the fetch metadata still tells.
    expect(isSameOriginPost(bag({ origin: "null", "sec-fetch-site": "same-origin" }), app)).toBe(true);
  });
  it("refuses other sites, look-alike origins and requests that say nothing", () => {
    const refused: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: `${app}.evil.example` }, { origin: "null" }, { origin: "null", "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "cross-site" }, {}];
    for (const h of refused) {
      expect(isSameOriginPost(bag(h), app)).toBe(false);
    }
  });
});
