import type { NextRequest } from "next/server";
import { env } from "@/lib/env";

// The framework's ceiling for `npm run bench`: the cheapest route this same server build can have,
// answering the cause feed's size in bytes from memory, with the same kind of headers. It exists
// only while BENCH_ECHO=1 (the bench's server); everywhere else it is a 404.

const bodies = new Map<number, Buffer>();

export function GET(request: NextRequest) {
  if (!env.BENCH_ECHO) return new Response(null, { status: 404 });
  const size = Math.min(Math.max(Number(request.nextUrl.searchParams.get("bytes")) || 1000, 1), 1_000_000);
  const body = bodies.get(size) ?? Buffer.alloc(size, "x");
  bodies.set(size, body);
  const headers = {
    ETag: `"echo-${size}"`,
    "Last-Modified": "Tue, 01 Dec 2026 12:00:00 GMT",
    "Cache-Control": "public, max-age=300, stale-while-revalidate=60",
    "Content-Language": "de",
    "Access-Control-Allow-Origin": "*",
  };
  if (request.headers.get("if-none-match") === headers.ETag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": "application/rss+xml; charset=utf-8" } });
}
