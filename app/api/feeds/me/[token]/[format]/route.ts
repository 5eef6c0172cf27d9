import type { NextRequest } from "next/server";
import { serveReaderFeed } from "@/lib/feed/serve";

export const dynamic = "force-dynamic";

/** A reader's private "Mein Feed" behind a secret, revocable token (lib/feed/serve.ts). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string; format: string }> }) {
  return serveReaderFeed(request, await params);
}
