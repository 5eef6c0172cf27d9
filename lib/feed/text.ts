import sanitizeHtml from "sanitize-html";
import { cleanText } from "@/lib/text";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Cuts text to at most `max` user-perceived characters (never inside an emoji), with "…". */
export function truncateText(text: string, max: number): string {
  const graphemes = Array.from(segmenter.segment(text), (s) => s.segment);
  if (graphemes.length <= max) return text;
  return `${graphemes.slice(0, max - 1).join("").trimEnd()}…`;
}

// Block ends become spaces so "<p>a</p><p>b</p>" reads "a b", not "ab".
const BLOCK_END = /<\/(p|h[1-6]|li|blockquote|pre|tr|td|th)>|<br\s*\/?>|<hr\s*\/?>/gi;

/**
 * A plain-text teaser of safe HTML for summaries: tags dropped, whitespace collapsed, at most
 * `max` characters. sanitize-html leaves only &amp; &lt; &gt; &quot; encoded, so those are decoded.
 */
export function excerptFromHtml(html: string, max = 280): string {
  const text = sanitizeHtml(html.replace(BLOCK_END, "$& "), { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  return truncateText(cleanText(text), max);
}

/**
 * Relative links in safe HTML made absolute against `base` (the entry's permalink): feed readers
 * show entries far away from this site, where "/c/other" would lead nowhere.
 */
export function absolutizeLinks(html: string, base: string): string {
  return html.replace(/ href="([^"]*)"/g, (match, href: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return match; // http:, https:, mailto: stay as they are
    try {
      return ` href="${new URL(href, base).toString()}"`;
    } catch {
      return match;
    }
  });
}
