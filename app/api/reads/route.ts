import type { NextRequest } from "next/server";
import { isSameOriginPost } from "@/lib/auth/rules";
import { clientNetworkFrom } from "@/lib/client";
import { env } from "@/lib/env";
import { guardedRoute } from "@/lib/http";
import { countRead } from "@/lib/insights/counter";
import { resolveReadTarget } from "@/lib/insights/queries";
import { isCountedAgent } from "@/lib/insights/reading-rules";

const MAX_BODY = 256;
const answer = (status: 204 | 400 | 403 | 411 | 413) => new Response(null, { status, headers: { "Cache-Control": "no-store" } });

/**
 * POST /api/reads: a page of this site tells that a person opened it (components/insights/
 * read-beacon.tsx sends the page's path with navigator.sendBeacon). It adds one to an hourly counter
 * of the cause — nothing about the reader is kept (lib/insights/counter.ts). Only this site's pages
 * may send it (Origin), only browsers count (bots by User-Agent are ignored), and a reload within
 * the hour is no second read. The answer is always empty.
 */
export const POST = guardedRoute("reads", async (request: NextRequest) => {
  if (!isSameOriginPost(request.headers, env.APP_URL)) return answer(403);
  // A bot's beacon is answered at once: no body read, no lookup.
  const agent = request.headers.get("user-agent");
  if (!isCountedAgent(agent, "page")) return answer(204);
  // A beacon always says its length; without it the body could be any size.
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isFinite(length)) return answer(411);
  if (length > MAX_BODY) return answer(413);
  const body = await request.text();
  if (body.length > MAX_BODY) return answer(413);
  const target = await resolveReadTarget(body.trim());
  if (!target) return answer(400);
  countRead(
    { topicId: target.topicId, updateId: target.updateId, channel: "page" },
    { client: clientNetworkFrom(request.headers), agent },
  );
  return answer(204);
});
