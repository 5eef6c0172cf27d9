import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown("# Title\n\nSome **bold** text and a [link](https://example.org).");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">link</a>');
  });

  it("removes script tags, event handlers and javascript: links", () => {
    const html = renderMarkdown(
      'Hi <script>alert(1)</script> <img src="x" onerror="alert(2)"> <a href="javascript:alert(3)">x</a> [y](javascript:alert(4))',
    );
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(html).not.toContain("alert(1)");
  });

  it("overrides rel on every link so authors cannot pass on ranking or opener access", () => {
    const html = renderMarkdown('<a href="https://example.org" rel="follow">x</a>');
    expect(html).toContain('rel="nofollow ugc noopener"');
    expect(html).not.toContain('rel="follow"');
  });

  it("turns remote images into plain links so no third party sees readers", () => {
    const html = renderMarkdown("![A poster](https://example.org/p.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain('<a href="https://example.org/p.png" rel="nofollow ugc noopener">A poster</a>');
  });
});
