import { guardedRoute } from "@/lib/http";
import type { NextRequest } from "next/server";
import { updateCard } from "@/lib/preview/cards";
import { previewImageResponse } from "@/lib/preview/image";
import { getPreviewUpdate } from "@/lib/preview/queries";

/** The 1200×630 preview image of one update of a public cause. */
export const GET = guardedRoute("og update", async (request: NextRequest, { params }: { params: Promise<{ slug: string; updateId: string }> }) => {
  const { slug, updateId } = await params;
  const found = await getPreviewUpdate(slug, updateId);
  if (!found) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return previewImageResponse(request, updateCard(found.cause, found.update));
});
