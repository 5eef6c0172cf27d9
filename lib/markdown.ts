import "server-only";
import { Marked } from "marked";
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
