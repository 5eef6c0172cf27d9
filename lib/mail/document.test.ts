import { describe, expect, it } from "vitest";
import { assembleMail, renderBlocks, type MailBlock } from "./document";

const link = { href: "https://example.org/a?x=1&y=2", label: "Open <it>" };

describe("a mail written once as blocks", () => {
  it("gives a text part and an HTML part with the same words", () => {
    const blocks: MailBlock[] = [
      { kind: "paragraph", lines: ["Hello,"] },
      { kind: "button", link },
      { kind: "paragraph", lines: ["Works 7 days.", "Ignore it if it was not you."], muted: true },
    ];
    const { text, html } = renderBlocks(blocks);
    expect(text).toBe("Hello,\n\nhttps://example.org/a?x=1&y=2\n\nWorks 7 days.\nIgnore it if it was not you.");
    expect(html).toBe(
      '<p>Hello,</p>\n<p><a href="https://example.org/a?x=1&#38;y=2">Open &#60;it&#62;</a></p>\n<p style="color:#555">Works 7 days.<br>Ignore it if it was not you.</p>',
    );
  });

  it("escapes every text and link in the HTML part, and leaves the text part as written", () => {
    const evil = `"><script>alert(1)</script>`;
    const { text, html } = renderBlocks([
      { kind: "item", kicker: evil, title: evil, href: `https://x.example/${evil}`, facts: [evil] },
      { kind: "links", links: [{ href: evil, label: evil }] },
      { kind: "paragraph", lines: [{ strong: evil }, evil] },
    ]);
    expect(html).not.toContain("<script");
    expect(html.split("&#34;&#62;&#60;script&#62;").length - 1).toBe(8);
    expect(text.split(evil).length - 1).toBe(7);
  });

  it("puts the personal end after the signature delimiter and drops empty blocks", () => {
    const { text, html } = renderBlocks([
      { kind: "paragraph", lines: [] },
      { kind: "rendered", html: "", text: "" },
      { kind: "links", links: [link, { href: "https://example.org/leave", label: "Leave" }] },
      { kind: "divider" },
      { kind: "signature", blocks: [{ kind: "paragraph", lines: [{ strong: "Why" }, "Because you chose it."] }] },
    ]);
    expect(text).toBe("Open <it>: https://example.org/a?x=1&y=2\nLeave: https://example.org/leave\n\n* * *\n\n-- \nWhy\nBecause you chose it.");
    expect(html).not.toContain("<p></p>");
    expect(html).toContain(" · ");
    expect(html).toContain('<div style="color:#555;font-size:14px">\n<p><strong>Why</strong><br>Because you chose it.</p>\n</div>');
  });

  it("frames the HTML part as a document in the reader's language", () => {
    const mail = assembleMail("de", [renderBlocks([{ kind: "paragraph", lines: ["Hallo,"] }]), { html: "<p>x</p>", text: "x" }]);
    expect(mail.text).toBe("Hallo,\n\nx");
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="de"><body [^>]+>\n<p>Hallo,<\/p>\n<p>x<\/p>\n<\/body><\/html>$/);
    // A long German compound in a title may break instead of widening a phone's mail view.
    expect(mail.html).toMatch(/<body [^>]*overflow-wrap:break-word/);
  });
});
