// The headers that make pages safe to serve in public, as pure functions (unit-tested): the
// per-request Content-Security-Policy (proxy.ts adds a fresh nonce) and the static headers every
// response gets (next.config.ts).

export type CspOptions = { nonce: string; dev: boolean; https: boolean; extraFormActions?: string[] };

/**
 * A strict, nonce-based policy: only scripts carrying this response's nonce run, and what they load
 * ('strict-dynamic'); no plugins, no <base> rewriting, forms post only to us (and to an OAuth
 * provider's sign-in when one is configured), and no other site may frame the page. Styles allow
 * inline attributes (charts size their bars with them); they cannot run code.
 */
export function contentSecurityPolicy({ nonce, dev, https, extraFormActions = [] }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // React's development build needs eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${extraFormActions.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** 16 random bytes, base64: unguessable and fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS for an https deployment: two years, subdomains included (browsers then refuse plain http). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** Features no page of ours uses, switched off for every page and every frame in it. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "microphone=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

/**
 * Paths whose URL carries a secret (leave, confirm and settings links, the sign-in confirm page,
 * the private feed): their pages send no Referer at all, so a link clicked there never tells
 * another site the token.
 */
export const TOKEN_PATHS = ["/leave/:path*", "/email/:path*", "/i/:path*", "/signin/confirm", "/api/feeds/me/:path*", "/api/leave", "/api/email/:path*", "/api/subscriptions/ledger"];

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

/** Static headers for next.config.ts: later rules win for the same header. */
export function staticHeaderRules(): HeaderRule[] {
  return [
    {
      source: "/(.*)",
      headers: [
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
      ],
    },
    // Framing: only the follow card (/embed/…) may sit in other sites' iframes (oEmbed hands it
    // out). Pages get frame-ancestors from their CSP (proxy.ts); machine endpoints get this one.
    { source: "/:path((?!embed/c/).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }] },
    {
      source: "/embed/c/:slug",
      headers: [
        // The card is plain HTML with inline CSS: no script, no fetch, no form may run in it.
        {
          key: "Content-Security-Policy",
          value: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *",
        },
      ],
    },
    ...TOKEN_PATHS.map((source) => ({ source, headers: [{ key: "Referrer-Policy", value: "no-referrer" }] })),
  ];
}
