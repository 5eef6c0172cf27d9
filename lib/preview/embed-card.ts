import type { AppLocale } from "@/lib/i18n/config";
import { escapeHtml } from "./html";
import { embedTranslator } from "./i18n";
import { textDirection } from "./text";

/**
 * The follow card publishers embed on their own website: one small, self-contained HTML document
 * with inline CSS and no script. It never follows anything itself — third-party iframes get no
 * cookies — but opens the cause page, where following is one click by the reader.
 */

type EmbedCause = { title: string; summary: string; status: string; followerCount: number };

const HEART =
  '<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24"><path fill="currentColor" d="M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54L12 21.35z"/></svg>';

// The site's palette (app/globals.css), light and dark; system fonts, so nothing is fetched.
const STYLE = `
:root{color-scheme:light dark;--accent:#b4233c;--accent-strong:#8f1a2f;--on-accent:#fff;--ink:#1c1917;--muted:#57534e;--line:#e7e5e4;--card:#fff}
@media (prefers-color-scheme:dark){:root{--accent:#f38ba0;--accent-strong:#f9b4c2;--on-accent:#181615;--ink:#f5f5f4;--muted:#b8b2ad;--line:#3a3633;--card:#221f1d}}
*{box-sizing:border-box}
html,body{margin:0;height:100%;background:transparent}
body{font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);-webkit-text-size-adjust:100%}
.card{display:flex;flex-direction:column;gap:12px;min-height:100%;padding:20px 22px;background:var(--card);border:1px solid var(--line);border-radius:16px;overflow:hidden}
.brand{display:flex;align-items:center;gap:6px;margin:0;font-size:14px;font-weight:600;color:var(--accent)}
h1{margin:0;font:600 clamp(20px,5.2vw,26px)/1.2 ui-serif,Georgia,"Times New Roman",serif;letter-spacing:-.01em;overflow-wrap:anywhere;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
h1 a{color:inherit;text-decoration:none}
h1 a:hover{text-decoration:underline;text-underline-offset:3px}
.summary{margin:0;color:var(--muted);overflow-wrap:anywhere;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:8px 14px;padding-top:4px}
.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:10px 18px;border-radius:999px;background:var(--accent);color:var(--on-accent);font-weight:600;text-decoration:none}
.button:hover{background:var(--accent-strong)}
.button.quiet{background:transparent;color:var(--accent);border:1px solid var(--line)}
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.count{font-size:14px;color:var(--muted)}
.promise{margin:auto 0 0;font-size:13px;line-height:1.45;color:var(--muted);border-top:1px solid var(--line);padding-top:10px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;

function htmlDocument(locale: AppLocale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The card of one public cause, in the cause's language. */
export function renderEmbedCard(cause: EmbedCause, locale: AppLocale, causeUrl: string): string {
  const t = embedTranslator(locale);
  const href = escapeHtml(causeUrl);
  const dir = (text: string) => textDirection(text);
  const newTab = `<span class="sr"> ${escapeHtml(t("newTab"))}</span>`;
  const action =
    cause.status === "published"
      ? `<a class="button" href="${href}" target="_blank" rel="noopener">${escapeHtml(t("follow"))}${newTab}</a>
    <span class="count">${escapeHtml(t("followers", { count: cause.followerCount }))}</span>`
      : `<a class="button quiet" href="${href}" target="_blank" rel="noopener">${escapeHtml(t("read"))}${newTab}</a>
    <span class="count">${escapeHtml(t("archived"))}</span>`;
  const body = `<main class="card">
  <p class="brand">${HEART}<span>Herzensthema</span></p>
  <h1 dir="${dir(cause.title)}"><a href="${href}" target="_blank" rel="noopener">${escapeHtml(cause.title)}</a></h1>
  ${cause.summary ? `<p class="summary" dir="${dir(cause.summary)}">${escapeHtml(cause.summary)}</p>` : ""}
  <div class="actions">
    ${action}
  </div>
  <p class="promise">${escapeHtml(t("promise"))}</p>
</main>`;
  return htmlDocument(locale, t("frameTitle", { title: cause.title }), body);
}

/** What the frame shows for an unknown or unpublished cause (answered with 404). */
export function renderEmbedNotFound(locale: AppLocale): string {
  const t = embedTranslator(locale);
  return htmlDocument(locale, t("notFound"), `<main class="card"><p class="brand">${HEART}<span>Herzensthema</span></p><p class="summary">${escapeHtml(t("notFound"))}</p></main>`);
}
