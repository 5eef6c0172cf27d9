import { TOKEN_PATHS } from "@/lib/security/headers";
import { SECRET_PATH_PREFIXES } from "@/lib/security/secret-paths.mjs";

/**
 * What search engines are asked not to crawl: every page that is one person's (feed, settings,
 * dashboard, account, moderation), the sign-in flow, the dev outbox, and every path whose next
 * segment is a secret (lib/security/secret-paths.mjs). Public causes, updates, groups, explore and
 * the public feeds stay open.
 */
export const ROBOTS_DISALLOW = [
  ...new Set([
    ...SECRET_PATH_PREFIXES.map((prefix) => `/${prefix}/`),
    // Pages and endpoints that take a token (lib/security/headers.ts), as path prefixes.
    ...TOKEN_PATHS.map((path) => path.replace(/:path\*$/, "")),
  ]),
  "/leave/done",
  "/email/forgotten",
  "/signin",
  "/feed",
  "/subscriptions",
  "/dashboard",
  "/account",
  "/admin",
  "/dev/",
  "/gone/",
  "/api/auth/",
  "/api/account/",
  "/api/follow-intent",
  "/api/metrics",
  "/api/health",
];

/**
 * A sitemap holds at most 50 000 addresses (sitemaps.org). Causes and groups are always listed;
 * updates fill the rest, newest first.
 */
export const SITEMAP_MAX_URLS = 50_000;
