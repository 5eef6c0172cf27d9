import { after, type NextRequest } from "next/server";
import { clientNetworkFrom } from "@/lib/client";
import { env } from "@/lib/env";
import { guardedRoute } from "@/lib/http";
import { consumeRate } from "@/lib/rate-limit/limiter";
import { retryMinutes } from "@/lib/rate-limit/rules";
import { currentFeed } from "@/lib/websub/feeds";
import { callbackIsPublic } from "@/lib/websub/http";
import { verifyIntent } from "@/lib/websub/mutations";
import { hubRequestSchema, publicFeedPath } from "@/lib/websub/rules";

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });

/**
 * POST /api/websub: this app's WebSub hub (https://www.w3.org/TR/websub/). A feed reader's server
 * subscribes to one of the public feeds (hub.mode, hub.topic, hub.callback, optional
 * hub.lease_seconds and hub.secret, form-encoded). The answer is 202 at once; the hub then asks the
 * callback to confirm with a challenge, and only a confirmed subscription is kept. From then on the
 * worker sends the feed to the callback whenever it changes (lib/websub).
 */
export const POST = guardedRoute("websub", async (request: NextRequest) => {
  const form = await request.formData().catch(() => null);
  if (!form) return text(400, "Send the subscription as application/x-www-form-urlencoded.");
  const fields = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string"));
  const parsed = hubRequestSchema.safeParse(fields);
  if (!parsed.success) return text(400, `Invalid ${parsed.error.issues.map((issue) => `hub.${issue.message}`).join(", ")}.`);
  const hub = parsed.data;
  const topicPath = publicFeedPath(hub["hub.topic"], env.APP_URL);
  if (!topicPath) return text(400, "hub.topic is not a public feed of this site.");
  if (!(await callbackIsPublic(hub["hub.callback"]))) return text(400, "hub.callback must be reachable on the public internet.");
  const rate = await consumeRate("websubRequest", { target: `${topicPath} ${hub["hub.callback"]}`, client: clientNetworkFrom(request.headers) });
  if (!rate.ok) return text(429, "Too many subscription requests. Try again later.", { "Retry-After": String(retryMinutes(rate.retryAfterMs) * 60) });
  if (hub["hub.mode"] === "subscribe" && (await currentFeed(topicPath)).status !== 200) return text(404, "This feed does not exist (any more).");
  const intent = { mode: hub["hub.mode"], topicPath, callback: hub["hub.callback"], leaseSeconds: hub["hub.lease_seconds"], secret: hub["hub.secret"] };
  after(() => verifyIntent(intent).catch(() => undefined));
  return text(202, "Accepted. The callback will be asked to confirm.");
});

export function GET() {
  return text(405, "This is a WebSub hub: subscribe with a POST (https://www.w3.org/TR/websub/).", { Allow: "POST" });
}
