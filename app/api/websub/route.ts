import { after, type NextRequest } from "next/server";
import { clientNetworkFrom } from "@/lib/client";
import { env } from "@/lib/env";
import { guardedRoute } from "@/lib/http";
import { consumeRate } from "@/lib/rate-limit/limiter";
import { retryMinutes } from "@/lib/rate-limit/rules";
import { currentFeed } from "@/lib/websub/feeds";
import { callbackIsPublic } from "@/lib/websub/http";
import { verifyIntent } from "@/lib/websub/mutations";
import { countCallbackHostSubscriptions, hasSubscription } from "@/lib/websub/queries";
import { hubRequestSchema, MAX_PER_CALLBACK_HOST, publicFeedPath } from "@/lib/websub/rules";

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
  const callback = hub["hub.callback"];
  // Counted before anything costs: a DNS lookup, a feed render, a call to the callback.
  const rate = await consumeRate("websubRequest", { target: `${topicPath} ${callback}`, client: clientNetworkFrom(request.headers) });
  if (!rate.ok) return text(429, "Too many subscription requests. Try again later.", { "Retry-After": String(retryMinutes(rate.retryAfterMs) * 60) });
  if (!(await callbackIsPublic(callback))) return text(400, "hub.callback must be reachable on the public internet.");
  const intent = { mode: hub["hub.mode"], topicPath, callback, leaseSeconds: hub["hub.lease_seconds"], secret: hub["hub.secret"] };
  if (intent.mode === "subscribe") {
    if ((await currentFeed(topicPath)).status !== 200) return text(404, "This feed does not exist (any more).");
    if ((await countCallbackHostSubscriptions(callback)) >= MAX_PER_CALLBACK_HOST) {
      return text(429, "This callback's host holds as many subscriptions as one may.");
    }
  } else if (!(await hasSubscription(topicPath, callback))) {
    // Nothing to end: answered like any request, but nobody is called on its behalf.
    return text(202, "Accepted. The callback will be asked to confirm.");
  }
  after(() => verifyIntent(intent).catch(() => undefined));
  return text(202, "Accepted. The callback will be asked to confirm.");
});

export function GET() {
  return text(405, "This is a WebSub hub: subscribe with a POST (https://www.w3.org/TR/websub/).", { Allow: "POST" });
}
