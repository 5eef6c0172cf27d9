import { createHash, timingSafeEqual } from "node:crypto";
import { registerDeliveryMetrics } from "@/lib/delivery/metrics";
import { env } from "@/lib/env";
import { guardedRoute } from "@/lib/http";
import { processMetrics } from "@/lib/metrics.mjs";

export const dynamic = "force-dynamic";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * `Authorization: Bearer <token>` (the scheme in any case, RFC 9110), compared in constant time:
 * as digests, so not even the token's length shows in the timing.
 */
function authorized(request: Request, token: string) {
  const [, offered] = /^Bearer (\S+)$/i.exec(request.headers.get("authorization") ?? "") ?? [];
  return offered !== undefined && timingSafeEqual(digest(offered), digest(token));
}

/**
 * GET /api/metrics: Prometheus text format, for `Authorization: Bearer <METRICS_TOKEN>` only.
 * Without METRICS_TOKEN the endpoint does not exist (404). Requests by route and status are this
 * process's (each app instance is its own scrape target); deliveries and workers come from the
 * database and are the same on every instance.
 */
export const GET = guardedRoute("metrics", async (request: Request) => {
  if (!env.METRICS_TOKEN) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!authorized(request, env.METRICS_TOKEN)) {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" },
    });
  }
  registerDeliveryMetrics();
  const { registry } = processMetrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
  });
});
