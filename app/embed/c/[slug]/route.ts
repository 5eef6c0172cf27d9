import { guardedRoute } from "@/lib/http";
import type { NextRequest } from "next/server";
import { pickLocale } from "@/lib/i18n/config";
import { renderEmbedCard, renderEmbedNotFound } from "@/lib/preview/embed-card";
import { causeLocale } from "@/lib/preview/i18n";
import { causePath } from "@/lib/preview/links";
import { getPreviewCause } from "@/lib/preview/queries";
import { absoluteUrl } from "@/lib/url";

/**
 * The embeddable follow card (the one page that other sites may frame; see next.config.ts).
 * A route handler rather than a page, so the site's header and footer stay out of the frame.
 */
export const GET = guardedRoute("embed", async (request: NextRequest, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const cause = await getPreviewCause(slug);
  const headers = { "Content-Type": "text/html; charset=utf-8", "X-Content-Type-Options": "nosniff" };
  if (!cause) {
    const locale = pickLocale(undefined, request.headers.get("accept-language"));
    return new Response(renderEmbedNotFound(locale), { status: 404, headers });
  }
  const html = renderEmbedCard(cause, causeLocale(cause.language), absoluteUrl(causePath(cause.slug)));
  // Short cache: the follower count is live.
  return new Response(html, { headers: { ...headers, "Cache-Control": "public, max-age=300" } });
});
