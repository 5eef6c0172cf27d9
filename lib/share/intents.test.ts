import { describe, expect, it } from "vitest";
import { normaliseInstance, shareIntentUrls } from "./intents";

describe("normaliseInstance", () => {
  it("accepts the ways people write an instance", () => {
    expect(normaliseInstance("https://Chaos.Social/")).toBe("chaos.social");
    expect(normaliseInstance("@norden.social")).toBe("norden.social");
    expect(normaliseInstance(" mastodon.social ")).toBe("mastodon.social");
  });
  it("refuses what is not a host name and drops any path", () => {
    for (const bad of ["", "localhost", "javascript:alert(1)", "a b.social", "x".repeat(300) + ".de"]) {
      expect(normaliseInstance(bad)).toBeNull();
    }
    expect(normaliseInstance("chaos.social/@someone?x=1")).toBe("chaos.social");
  });
});

describe("shareIntentUrls", () => {
  const url = "https://herz.example/c/saubere-spree?ref=forum-k7q";
  const links = shareIntentUrls({ url, text: "Ein Thema für diesen Thread:", subject: "Saubere Spree", mastodonInstance: "chaos.social" });

  it("prefills each network's composer with the text and the ref link", () => {
    expect(links.mastodon).toBe(`https://chaos.social/share?text=${encodeURIComponent(`Ein Thema für diesen Thread:\n\n${url}`)}`);
    expect(links.bluesky).toContain("bsky.app/intent/compose?text=");
    expect(decodeURIComponent(links.whatsapp)).toContain(url);
    expect(links.linkedin).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`);
    expect(links.xing).toBe(`https://www.xing.com/spi/shares/new?url=${encodeURIComponent(url)}`);
    expect(links.email.startsWith("mailto:?subject=Saubere%20Spree&body=")).toBe(true);
  });

  it("does not repeat the link when the text already has it, and falls back to a default instance", () => {
    const again = shareIntentUrls({ url, text: `Look: ${url}`, subject: "x", mastodonInstance: "not a host" });
    expect(decodeURIComponent(again.bluesky).match(/ref=forum-k7q/g)).toHaveLength(1);
    expect(again.mastodon.startsWith("https://mastodon.social/share?text=")).toBe(true);
  });
});
