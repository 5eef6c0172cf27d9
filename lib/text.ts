// Characters XML 1.0 forbids (C0 controls except tab, newline, carriage return; U+FFFE/U+FFFF) plus
// DEL and the C1 controls, which XML only discourages but no reader shows meaningfully.
const UNWANTED_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/**
 * Text that every page, feed and database can carry: lone surrogates become U+FFFD (a broken
 * emoji must not break a document) and control characters are dropped (PostgreSQL refuses U+0000,
 * and one of them makes an XML feed unreadable). Applied to user text before it is stored.
 */
export function cleanText(value: string | null | undefined): string {
  return (value ?? "").toWellFormed().replace(UNWANTED_CONTROLS, "");
}

/**
 * decodeURIComponent for values from a URL, which anybody can type: malformed percent-encoding
 * ("%E0", a lone "%") gives null instead of throwing, so a page can show its "invalid link" state.
 */
export function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** Compatibility-decomposed, accents dropped, lower case, "ß" as "ss": "Schulhöfe" → "schulhofe". */
export function foldCase(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss");
}

/**
 * Text folded for search, so that "schulhofe" finds "Schulhöfe" and "repair cafe" finds "Repair
 * Café" on both databases (foldCase, whitespace collapsed). LIKE's wildcards ("%", "_") and
 * PostgreSQL's escape ("\") become private-use characters on both sides, so a typed "%" matches a
 * "%" and never everything.
 */
export function searchFold(value: string): string {
  return foldCase(value)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/%/g, "\uE000")
    .replace(/_/g, "\uE001")
    .replace(/\\/g, "\uE002");
}

/** Line breaks of every kind: a single-line field (title, name, place) must not carry one into a mail header. */
export const LINE_BREAK = /[\r\n\u2028\u2029]/;

/**
 * Unicode bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible, they reverse how
 * the following text is shown, so "txt.exe" can display as "exe.txt". Right-to-left writing needs
 * none of them.
 */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Text or attribute value made safe for HTML: & < > " ' as character references. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
