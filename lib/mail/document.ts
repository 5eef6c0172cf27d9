import { escapeHtml } from "@/lib/text";

// Every mail is written once, as a list of blocks, and rendered twice from it: plain text (the
// part most clients show first) and simple inline-styled HTML. No images, no tracking, no rewritten
// links; all escaping happens here, so a template never writes HTML by hand.

export type MailLink = { href: string; label: string };
/** A line of a paragraph; `strong` marks a short heading line. */
export type MailLine = string | { strong: string };

export type MailBlock =
  /** A paragraph: its lines joined by line breaks. */
  | { kind: "paragraph"; lines: MailLine[]; muted?: boolean }
  /** The one thing to do (open the link): in the text part the bare URL on its own line. */
  | { kind: "button"; link: MailLink }
  /** Links in a row: "a · b" in HTML, one "label: URL" line each in text. */
  | { kind: "links"; links: MailLink[] }
  /** An update's head: a kicker line, its linked title and short facts, one per line. */
  | { kind: "item"; kicker: string; title: string; href: string; facts: string[] }
  /** Content already rendered by the page's own Markdown pipeline (sanitised HTML and its text). */
  | { kind: "rendered"; html: string; text: string }
  /** Between the updates of a digest. */
  | { kind: "divider" }
  /** The personal end: after "-- " in text (the signature delimiter clients fold away), muted in HTML. */
  | { kind: "signature"; blocks: MailBlock[] };

/** A mail or a part of one, rendered. */
export type RenderedMail = { html: string; text: string };

const MUTED = "color:#555";
const esc = escapeHtml;

function lineHtml(line: MailLine): string {
  return typeof line === "string" ? esc(line) : `<strong>${esc(line.strong)}</strong>`;
}
const lineText = (line: MailLine) => (typeof line === "string" ? line : line.strong);
const anchor = (link: MailLink) => `<a href="${esc(link.href)}">${esc(link.label)}</a>`;

function blockHtml(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p${block.muted ? ` style="${MUTED}"` : ""}>${block.lines.map(lineHtml).join("<br>")}</p>`;
    case "button":
      return `<p>${anchor(block.link)}</p>`;
    case "links":
      return `<p>${block.links.map(anchor).join(" · ")}</p>`;
    case "item":
      return [
        `<p style="${MUTED};margin:0">${esc(block.kicker)}</p>`,
        `<h2 style="margin:4px 0 8px">${anchor({ href: block.href, label: block.title })}</h2>`,
        ...block.facts.map((fact) => `<p style="margin:0">${esc(fact)}</p>`),
      ].join("\n");
    case "rendered":
      return block.html;
    case "divider":
      return "<hr>";
    case "signature":
      return `<hr>\n<div style="${MUTED};font-size:14px">\n${block.blocks.map(blockHtml).join("\n")}\n</div>`;
  }
}

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return block.lines.map(lineText).join("\n");
    case "button":
      return block.link.href;
    case "links":
      return block.links.map((link) => `${link.label}: ${link.href}`).join("\n");
    case "item":
      return [block.kicker, block.title, ...block.facts].join("\n");
    case "rendered":
      return block.text;
    case "divider":
      return "* * *";
    case "signature":
      return `-- \n${block.blocks.map(blockText).join("\n\n")}`;
  }
}

/** Blocks as both parts; a block without any text (an empty teaser, say) is left out of both. */
export function renderBlocks(blocks: MailBlock[]): RenderedMail {
  const kept = blocks.filter((block) => blockText(block) !== "");
  return { html: kept.map(blockHtml).join("\n"), text: kept.map(blockText).join("\n\n") };
}

/**
 * Rendered parts as one whole mail: the HTML part gets its document frame and language. A long
 * German compound in a title would push a phone's mail view wider than the screen: words may break
 * (hyphenated where the client knows the language).
 */
export function assembleMail(locale: string, parts: RenderedMail[]): RenderedMail {
  return {
    text: parts.map((part) => part.text).join("\n\n"),
    html: `<!doctype html>
<html lang="${esc(locale)}"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em;margin:0 auto;padding:16px;color:#222;overflow-wrap:break-word;word-wrap:break-word;-webkit-hyphens:auto;hyphens:auto">
${parts.map((part) => part.html).join("\n")}
</body></html>`,
  };
}
