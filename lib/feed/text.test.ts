import { describe, expect, it } from "vitest";
import { cleanText, escapeHtml } from "@/lib/text";
import { absolutizeLinks, excerptFromHtml, truncateText } from "./text";

describe("cleanText", () => {
  it("drops control characters XML cannot carry but keeps tabs, newlines, emoji and RTL", () => {
    expect(cleanText("a\u0000b\u0001c\u0008d\u000Be\u001Ff\u007Fg\u0085h\uFFFEi")).toBe("abcdefghi");
    expect(cleanText("tab\there\nnew\r\nline")).toBe("tab\there\nnew\r\nline");
    expect(cleanText("Müll 🌊 🧑‍🤝‍🧑 שלום مرحبا")).toBe("Müll 🌊 🧑‍🤝‍🧑 שלום مرحبا");
    expect(cleanText(null)).toBe("");
  });

  it("turns a lone surrogate (half an emoji) into the replacement character", () => {
    expect(cleanText("x\uD83Dy")).toBe("x\uFFFDy");
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;Tom &#38; &#39;Jerry&#39;&#60;/a&#62;");
  });
});

describe("truncateText", () => {
  it("never cuts inside an emoji and marks the cut", () => {
    expect(truncateText("short", 10)).toBe("short");
    const cut = truncateText("🧑‍🤝‍🧑".repeat(5), 3);
    expect(cut).toBe("🧑‍🤝‍🧑🧑‍🤝‍🧑…");
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe("excerptFromHtml", () => {
  it("gives plain text with spaces between blocks and decoded characters", () => {
    expect(excerptFromHtml("<h2>Title</h2><p>One &amp; <strong>two</strong> &lt;3</p><ul><li>a</li><li>b</li></ul>")).toBe(
      "Title One & two <3 a b",
    );
    expect(excerptFromHtml("")).toBe("");
  });

  it("keeps to the length asked for", () => {
    expect(Array.from(excerptFromHtml(`<p>${"word ".repeat(200)}</p>`, 50))).toHaveLength(50);
  });
});

describe("absolutizeLinks", () => {
  it("resolves relative links against the entry and leaves absolute ones alone", () => {
    const base = "https://example.org/c/river/u/u1";
    expect(absolutizeLinks('<a href="/c/other" rel="x">a</a> <a href="#top">b</a> <a href="https://x.org/?a=1&amp;b=2">c</a> <a href="mailto:a@b.org">d</a>', base)).toBe(
      '<a href="https://example.org/c/other" rel="x">a</a> <a href="https://example.org/c/river/u/u1#top">b</a> <a href="https://x.org/?a=1&amp;b=2">c</a> <a href="mailto:a@b.org">d</a>',
    );
  });
});
