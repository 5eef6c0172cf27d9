import { describe, expect, it } from "vitest";
import { renderEmbedCard, renderEmbedNotFound } from "./embed-card";

const cause = { title: "Saubere Spree", summary: "Müll raus aus dem Fluss", status: "published", followerCount: 3 };
const url = "https://herzensthema.example.org/c/saubere-spree";

describe("renderEmbedCard", () => {
  it("speaks the cause's language and opens the cause page in a new tab", () => {
    const html = renderEmbedCard(cause, "de", url);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain(`<a class="button" href="${url}" target="_blank" rel="noopener">Auf Herzensthema folgen`);
    expect(html).toContain("3 Personen folgen");
    expect(html).toContain("Nichts wird dir geschickt");
    expect(renderEmbedCard({ ...cause, followerCount: 1 }, "en", url)).toContain("1 person follows");
  });

  it("has no script and escapes whatever the publisher wrote", () => {
    const html = renderEmbedCard({ ...cause, title: "</title><script>alert(1)</script>", summary: `" onmouseover="x` }, "en", url);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain("&#34; onmouseover=&#34;x");
  });

  it("marks right-to-left titles", () => {
    expect(renderEmbedCard({ ...cause, title: "שלום עולם" }, "en", url)).toContain('<h1 dir="rtl">');
  });

  it("offers no Follow button for an archived cause", () => {
    const html = renderEmbedCard({ ...cause, status: "archived" }, "en", url);
    expect(html).not.toContain("Follow on Herzensthema");
    expect(html).toContain("Read on Herzensthema");
    expect(html).toContain("archived and takes no new followers");
  });

  it("has a page for causes that are not there", () => {
    expect(renderEmbedNotFound("en")).toContain("This cause is not available.");
  });
});
