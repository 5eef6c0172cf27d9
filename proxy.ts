// Runs before every page (not static files, machine endpoints or the embed card): gives each
// response a fresh CSP nonce (Next.js applies it to its own scripts), HSTS on https, and answers
// pages of suspended, removed or hidden content with 410 Gone and a calm explanation. A fediverse
// server asking a cause, group or update page for ActivityPub gets its actor or Article instead.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { activityPathOfPage, wantsActivityJson } from "@/lib/fediverse/rules";
import { findGone } from "@/lib/moderation/gone";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";

const https = env.APP_URL.startsWith("https:");
const extraFormActions = env.GITHUB_ENABLED ? ["https://github.com"] : [];

export async function proxy(request: NextRequest) {
  if (wantsActivityJson(request.headers.get("accept"))) {
    const activityPath = activityPathOfPage(request.nextUrl.pathname);
    if (activityPath) return NextResponse.rewrite(new URL(activityPath, request.url));
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, dev: env.NODE_ENV === "development", https, extraFormActions });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-nonce", nonce);

  const gone = await findGone(request.nextUrl.pathname).catch(() => null);
  const response = gone
    ? NextResponse.rewrite(new URL(`/gone/${gone.kind}/${encodeURIComponent(gone.key)}`, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  // Next.js renders a rewritten page with 200; the app's server (scripts/server.mjs) makes it 410.
  if (gone) response.headers.set("x-herzensthema-status", "410");
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: ["/((?!api/|ap/|\\.well-known/|_next/static|_next/image|embed/c/).*)"],
};
