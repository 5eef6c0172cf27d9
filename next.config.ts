import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

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
  },
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
