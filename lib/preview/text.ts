/**
 * Text preparation for the generated preview images. Satori (inside next/og) draws glyphs in
 * logical order and, for any character our fonts lack, downloads a font or an emoji from a CDN.
 * So everything drawn passes through here first: only characters the shipped fonts cover, and
 * right-to-left words put into visual order.
 */

import { hasUnshapedArabic } from "./arabic";
import { markdownToText } from "@/lib/markdown";

const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });

// Pictographs drawn as colour emoji: skin tones, ZWJ sequences, flags, keycaps, VS16.
const EMOJI = /\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\u20e3/u;
const STRONG_RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const STRONG_LTR = /\p{L}/u;
const MIRRORED: Record<string, string> = { "(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«" };

/**
 * The text reduced to what the fonts can draw: emoji and uncovered characters are left out,
 * control characters become spaces, runs of spaces collapse. `fonts` is in satori's order of
 * preference; like satori, a grapheme uses the first font that has its first code point.
 */
export function fitToFonts(text: string, fonts: ReadonlyArray<ReadonlySet<number>>): string {
  const normalized = text.normalize("NFC").replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ");
  let out = "";
  for (const { segment } of graphemes.segment(normalized)) {
    if (/^\s+$/u.test(segment)) {
      out += " ";
      continue;
    }
    if (EMOJI.test(segment)) continue;
    // Invisible format characters (bidi marks, zero-width spaces) carry no glyph of their own.
    const points = [...segment].filter((c) => !/\p{Cf}/u.test(c)).map((c) => c.codePointAt(0)!);
    if (points.length === 0) continue;
    const font = fonts.find((coverage) => coverage.has(points[0]));
    if (!font) continue;
    // A base letter with a mark the font lacks keeps the letter and loses the mark.
    out += String.fromCodePoint(...(points.every((p) => font.has(p)) ? points : points.slice(0, 1)));
  }
  return out.replace(/\s+/gu, " ").trim();
}

/** At most `max` graphemes, cut at a word boundary when one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const parts = [...graphemes.segment(text)].map((s) => s.segment);
  if (parts.length <= max) return text;
  const cut = parts.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > cut.length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Paragraph direction from the first strong character (Unicode bidi rules P2–P3). */
export function textDirection(text: string): "ltr" | "rtl" {
  for (const char of text) {
    if (STRONG_RTL.test(char)) return "rtl";
    if (STRONG_LTR.test(char)) return "ltr";
  }
  return "ltr";
}

/**
 * One right-to-left word in visual order: letters reversed, numbers kept reading left to right,
 * brackets mirrored. Arabic still in basic letters is left alone: satori's shaper orders it.
 */
function visualRtlWord(word: string): string {
  if (hasUnshapedArabic(word)) return word;
  const parts: string[] = [];
  for (const { segment } of graphemes.segment(word)) {
    const previous = parts.length - 1;
    if (/^[\p{Nd}.,]$/u.test(segment) && previous >= 0 && /^\p{Nd}/u.test(parts[previous])) parts[previous] += segment;
    else parts.push(MIRRORED[segment] ?? segment);
  }
  return parts.reverse().join("");
}

/**
 * Words ready for satori in logical order, each already in visual order inside. Right-to-left
 * paragraphs are laid out by the caller in a `row-reverse` wrapping row, so the first word sits
 * on the right and lines still wrap downwards; left-to-right words stay together in one item.
 * A left-to-right paragraph comes back as one item with its right-to-left stretches reversed.
 */
export function visualLines(text: string): { dir: "ltr" | "rtl"; items: string[] } {
  const dir = textDirection(text);
  const words = text.split(" ").filter(Boolean);
  const isRtl = (word: string) => STRONG_RTL.test(word);
  if (dir === "rtl") {
    const items: string[] = [];
    let ltrRun: string[] = [];
    for (const word of words) {
      if (isRtl(word)) {
        if (ltrRun.length) items.push(ltrRun.join(" "));
        ltrRun = [];
        items.push(visualRtlWord(word));
      } else ltrRun.push(word);
    }
    if (ltrRun.length) items.push(ltrRun.join(" "));
    return { dir, items };
  }
  const out: string[] = [];
  let rtlRun: string[] = [];
  const flush = () => {
    out.push(...rtlRun.reverse().map(visualRtlWord));
    rtlRun = [];
  };
  for (const word of words) {
    if (isRtl(word)) rtlRun.push(word);
    else {
      flush();
      out.push(word);
    }
  }
  flush();
  return { dir, items: out.length ? [out.join(" ")] : [] };
}

/** Plain text of a Markdown body for descriptions: no markup, links as their text, one line. */
export function markdownExcerpt(markdown: string, max = 200): string {
  return truncate(markdownToText(markdown, { excerpt: true }).replace(/\s+/g, " ").trim(), max);
}
