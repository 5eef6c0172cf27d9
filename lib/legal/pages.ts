import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import type { AppLocale } from "@/lib/i18n/config";

// The operator's legal pages (required for a German site): Markdown files in LEGAL_DIR, written by
// the operator. deploy/legal/ ships templates; development shows them, production needs real ones.

export const LEGAL_PAGES = ["impressum", "datenschutz"] as const;
export type LegalPage = (typeof LEGAL_PAGES)[number];

/** Marks the shipped templates, so the page can say that it is one. */
const TEMPLATE_MARKER = "<!-- herzensthema:template -->";

const root = () => (env.LEGAL_DIR ? path.resolve(/* turbopackIgnore: true */ process.cwd(), env.LEGAL_DIR) : null);

/** The page in the reader's language if the operator wrote one (impressum.en.md), else the German one. */
export async function readLegalPage(page: LegalPage, locale: AppLocale) {
  const dir = root();
  if (!dir) return null;
  const candidates = locale === "en" ? [`${page}.en.md`, `${page}.md`] : [`${page}.md`];
  for (const file of candidates) {
    try {
      const markdown = await fs.readFile(path.join(dir, file), "utf8");
      return { markdown: markdown.replace(TEMPLATE_MARKER, ""), template: markdown.includes(TEMPLATE_MARKER), locale: file.endsWith(".en.md") ? ("en" as const) : ("de" as const) };
    } catch {
      // not there: try the next one
    }
  }
  return null;
}

/** Which legal pages are missing (the server warns at start in production). */
export async function missingLegalPages(): Promise<string[]> {
  const dir = root();
  if (!dir) return LEGAL_PAGES.map((page) => `${page}.md (LEGAL_DIR is not set)`);
  const missing: string[] = [];
  for (const page of LEGAL_PAGES) {
    const markdown = await fs.readFile(path.join(dir, `${page}.md`), "utf8").catch(() => null);
    if (markdown === null) missing.push(path.join(dir, `${page}.md`));
    else if (markdown.includes(TEMPLATE_MARKER)) missing.push(`${path.join(dir, `${page}.md`)} (still the shipped template)`);
  }
  return missing;
}
