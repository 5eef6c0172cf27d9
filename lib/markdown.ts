import "server-only";
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

// Sanitising happens after rendering, so raw HTML inside Markdown is filtered like everything else.
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2", "h3", "h4", "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "em", "del",
    "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({ tagName: "a", attribs: { ...attribs, rel: "nofollow ugc noopener" } }),
    // Remote images would let a third party see every reader: show them as a plain link instead.
    img: (_tagName, attribs) => ({
      tagName: "a",
      attribs: { href: attribs.src ?? "", rel: "nofollow ugc noopener" },
      text: attribs.alt || attribs.src || "",
    }),
  },
  exclusiveFilter: (frame) => frame.tag === "a" && !frame.attribs.href,
};

/** Markdown → HTML that is safe to inject: no scripts, no event handlers, no remote images. */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, sanitizeOptions);
}

// The same Markdown as plain text, for the text part of mails and for one-line excerpts: emphasis
// without its asterisks, links as "text (address)", lists with their markers, no raw HTML.
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
// Set per call (parsing is synchronous): an excerpt keeps only the words (no link addresses, no
// list markers), a mail's text part keeps both.
let excerptMode = false;
let linkBase: string | undefined;
const absolute = (href: string) => {
  if (!linkBase || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  try {
    return new URL(href, linkBase).toString();
  } catch {
    return href;
  }
};
const plain = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    heading({ tokens }) {
      return `${this.parser.parseInline(tokens)}\n\n`;
    },
    paragraph({ tokens }) {
      return `${this.parser.parseInline(tokens)}\n\n`;
    },
    blockquote({ tokens }) {
      const inner = this.parser.parse(tokens).trim();
      return `${inner.split("\n").map((line) => (line ? `> ${line}` : ">")).join("\n")}\n\n`;
    },
    list(token) {
      const start = typeof token.start === "number" ? token.start : 1;
      const items = token.items.map((item, index) => {
        const marker = token.ordered ? `${start + index}.` : "–";
        const text = this.parser.parse(item.tokens).trim().replace(/\n+/g, "\n   ");
        return excerptMode ? text : `${marker} ${text}`;
      });
      return `${items.join("\n")}\n\n`;
    },
    code({ text }) {
      return `${text}\n\n`;
    },
    hr() {
      return "———\n\n";
    },
    // Raw HTML in Markdown: its words stay (line breaks as breaks), its tags do not.
    html({ text }) {
      return sanitizeHtml(text.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|li|h[1-6])>/gi, "$&\n"), { allowedTags: [], allowedAttributes: {} });
    },
    checkbox({ checked }) {
      return excerptMode ? "" : checked ? "[x] " : "[ ] ";
    },
    table(token) {
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => this.parser.parseInline(cell.tokens)).join(" | ");
      return `${[row(token.header), ...token.rows.map(row)].join("\n")}\n\n`;
    },
    strong({ tokens }) {
      return this.parser.parseInline(tokens);
    },
    em({ tokens }) {
      return this.parser.parseInline(tokens);
    },
    del({ tokens }) {
      return this.parser.parseInline(tokens);
    },
    codespan({ text }) {
      return text;
    },
    br() {
      return "\n";
    },
    link({ href, tokens }) {
      const text = this.parser.parseInline(tokens);
      return excerptMode || text === href || `mailto:${text}` === href ? text : `${text} (${absolute(href)})`;
    },
    image({ href, text }) {
      return excerptMode ? text : text ? `${text} (${absolute(href)})` : absolute(href);
    },
    text(token) {
      return "tokens" in token && token.tokens ? this.parser.parseInline(token.tokens) : token.text;
    },
  },
});

/**
 * Markdown as readable plain text: mail text parts (links keep their address, in brackets, lists
 * their markers; relative ones made absolute against `base`) or, with `excerpt`, just the words,
 * for previews and digest teasers.
 */
export function markdownToText(source: string, { excerpt = false, base }: { excerpt?: boolean; base?: string } = {}): string {
  excerptMode = excerpt;
  linkBase = base;
  const text = plain.parse(source) as string;
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]).replace(/\n{3,}/g, "\n\n").trim();
}
