import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/**
 * GET /api/health: 200 {status:"ok"} while the database answers, else 503. The body says when a
 * delivery worker last finished a pass; with ?require=worker a late or missing worker is a 503 too.
 */
export async function GET(request: Request) {
  const requireWorker = new URL(request.url).searchParams.get("require") === "worker";
  const health = await checkHealth({ requireWorker });
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
