// Runs once when a server starts (not at build): checks what a public instance needs before the
// first request. The environment is validated by importing it; rows from before the search column
// get it filled; legal pages are checked in production.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { fillSearchText } = await import("@/lib/search-backfill");
  await fillSearchText().catch((error) => console.warn("[search] could not fill the search column yet:", error));
  if (env.NODE_ENV !== "production") return;
  const { missingLegalPages } = await import("@/lib/legal/pages");
  const missing = await missingLegalPages();
  if (missing.length) {
    console.warn(
      `[legal] A German site needs an Impressum and a privacy notice. Missing: ${missing.join(", ")}.\n` +
        "        Copy deploy/legal/*.md to a folder of yours, fill them in, and point LEGAL_DIR at it.",
    );
  }
}
