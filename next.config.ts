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
  // Framing: only the follow card (/embed/…) may sit in other sites' iframes — that is what oEmbed
  // hands out. Every other page refuses to be framed (clickjacking on Follow/Leave buttons).
  async headers() {
    return [
      {
        source: "/:path((?!embed/).*)",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
        ],
      },
      {
        source: "/embed/:path*",
        headers: [
          // The card is plain HTML with inline CSS: no script, no fetch, no form may run in it.
          {
            key: "Content-Security-Policy",
            value: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *",
          },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
