import { guardedRoute } from "@/lib/http";
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { linkOfRef } from "@/lib/share/links";
import { qrPng, qrSvg } from "@/lib/share/qr";
import { getOwnedRef } from "@/lib/share/queries";
import { recordIdSchema } from "@/lib/share/schema";

/** QR code of a ref link for posters and flyers: SVG or PNG, for the cause's owner. */
export const GET = guardedRoute("qr", async (request: NextRequest, { params }: { params: Promise<{ refId: string }> }) => {
  const [{ refId }, user] = await Promise.all([params, getCurrentUser()]);
  const format = request.nextUrl.searchParams.get("format") === "png" ? "png" : "svg";
  const ref = user && recordIdSchema.safeParse(refId).success ? await getOwnedRef(refId, user.id) : null;
  if (!ref) return new NextResponse("Not found", { status: 404 });

  const url = linkOfRef(ref);
  const headers: Record<string, string> = { "Cache-Control": "private, max-age=3600" };
  if (request.nextUrl.searchParams.has("download")) {
    headers["Content-Disposition"] = `attachment; filename="herzensthema-${ref.code}.${format}"`;
  }
  if (format === "png") {
    return new NextResponse(new Uint8Array(await qrPng(url)), { headers: { "Content-Type": "image/png", ...headers } });
  }
  return new NextResponse(await qrSvg(url), { headers: { "Content-Type": "image/svg+xml; charset=utf-8", ...headers } });
});
