import { guardedRoute } from "@/lib/http";
import type { NextRequest } from "next/server";
import { causeCard } from "@/lib/preview/cards";
import { previewImageResponse } from "@/lib/preview/image";
import { getPreviewCause } from "@/lib/preview/queries";

/** The 1200×630 preview image of a public cause (og:image, twitter:image, oEmbed thumbnail). */
export const GET = guardedRoute("og cause", async (request: NextRequest, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const cause = await getPreviewCause(slug);
  if (!cause) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return previewImageResponse(request, causeCard(cause));
});
