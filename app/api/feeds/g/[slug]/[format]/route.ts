import type { NextRequest } from "next/server";
import { serveGroupFeed } from "@/lib/feed/serve";

export const dynamic = "force-dynamic";

/** A partner group's joint feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1, with ETag/Last-Modified and 304s. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string; format: string }> }) {
  return serveGroupFeed(request, await params);
}
