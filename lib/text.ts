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
