// Runs once when a server starts (not at build): checks what a public instance needs before the
// first request. The environment is validated by importing it; rows from before the search column
// get it filled; outgoing fetch() may reach public addresses only (fediverse deliveries, remote
// documents); legal pages are checked in production.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { logger } = await import("@/lib/log.mjs");
  const log = logger("startup");
  if (!env.FEDIVERSE_ALLOW_PRIVATE_ADDRESS) (await import("@/lib/security/public-fetch")).refusePrivateAddresses();
  const { fillSearchText } = await import("@/lib/search-backfill");
  await fillSearchText().catch((error) => log.warn({ err: error }, "could not fill the search column yet"));
  if (env.NODE_ENV !== "production") return;
  const { missingLegalPages } = await import("@/lib/legal/pages");
  const missing = await missingLegalPages();
  if (missing.length) {
    log.warn(
      { missing },
      "A German site needs an Impressum and a privacy notice. Copy deploy/legal/*.md to a folder of yours, fill them in, and point LEGAL_DIR at it.",
    );
  }
}
