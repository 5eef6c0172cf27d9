import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
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
