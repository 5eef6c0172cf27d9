import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { staticHeaderRules } from "./lib/security/headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Separate build folders let several checkouts' servers run side by side (e2e on other ports).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "nodemailer", "sanitize-html"],
  experimental: {
    // Lets an oversized body reach our zod schema, which answers with a translated message
    // instead of a framework error page (the schema caps the body far below this).
    serverActions: { bodySizeLimit: "12mb" },
    // A CI checkout is new each time: a build cache written there would never be read.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
  // .ci/run checks the types (tsc --noEmit) before the tests; the stories' build need not again.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  poweredByHeader: false,
  // nosniff, Referrer-Policy (none at all on pages whose URL carries a token), Permissions-Policy,
  // framing rules; the per-request CSP with its nonce comes from proxy.ts.
  async headers() {
    return staticHeaderRules();
  },
};

export default withNextIntl(nextConfig);
