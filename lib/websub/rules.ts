import { createHmac } from "node:crypto";
import { z } from "zod";

/**
 * WebSub (W3C Recommendation, https://www.w3.org/TR/websub/): pure rules of this app's own hub.
 * Feed readers' servers subscribe to a public feed; after they confirm, they are sent the feed
 * whenever its content changes, and they still pull it as before.
 */

export const HUB_PATH = "/api/websub";
/** Leases: a week unless asked otherwise, at least an hour, at most ten days (then renew). */
export const LEASE_DEFAULT_SECONDS = 7 * 24 * 3600;
export const LEASE_MIN_SECONDS = 3600;
export const LEASE_MAX_SECONDS = 10 * 24 * 3600;
/** A subscriber that failed this many deliveries in a row is dropped (it may subscribe again). */
export const MAX_FAILURES = 8;
/** Subscriptions one callback host may hold at most (a feed reader's server needs far fewer). */
export const MAX_PER_CALLBACK_HOST = 500;
const CALLBACK_MAX = 2000;
const SECRET_MAX_BYTES = 199; // the spec: less than 200 bytes

// Public feeds only: a cause's or a group's, in any format. The private reader feed never.
const PUBLIC_FEED_PATH = /^\/api\/feeds\/(c|g)\/([a-z0-9-]{1,100})\/(rss|atom|json)$/;

/** The path of a public feed of this app named by an absolute URL, or null. */
export function publicFeedPath(topic: string, appUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(topic);
  } catch {
    return null;
  }
  if (url.origin !== new URL(appUrl).origin || url.search || url.hash) return null;
  return PUBLIC_FEED_PATH.test(url.pathname) ? url.pathname : null;
}

export function feedOfPath(path: string): { kind: "cause" | "group"; slug: string; format: "rss" | "atom" | "json" } | null {
  const match = PUBLIC_FEED_PATH.exec(path);
  if (!match) return null;
  return { kind: match[1] === "c" ? "cause" : "group", slug: match[2], format: match[3] as "rss" | "atom" | "json" };
}

// Stored and counted in its one normal spelling (WHATWG URL): "HTTP://host:80/./cb" is http://host/cb.
const callbackUrl = z
  .string()
  .max(CALLBACK_MAX, "callback")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, "callback")
  .transform((value) => new URL(value).href)
  .refine((href) => href.length <= CALLBACK_MAX, "callback");

/** A subscription request as the spec's form fields (application/x-www-form-urlencoded). */
export const hubRequestSchema = z.object({
  "hub.mode": z.enum(["subscribe", "unsubscribe"], "mode"),
  "hub.topic": z.string().max(CALLBACK_MAX, "topic"),
  "hub.callback": callbackUrl,
  "hub.lease_seconds": z.coerce.number().int().positive().optional().catch(undefined),
  // An empty secret is none: nothing would be signed with it.
  "hub.secret": z
    .string()
    .refine((secret) => Buffer.byteLength(secret) <= SECRET_MAX_BYTES, "secret")
    .optional()
    .transform((secret) => secret || undefined),
});
export type HubRequest = z.infer<typeof hubRequestSchema>;

/** The lease the hub grants for what was asked (clamped), in seconds. */
export function grantedLease(asked: number | undefined): number {
  if (!asked) return LEASE_DEFAULT_SECONDS;
  return Math.min(LEASE_MAX_SECONDS, Math.max(LEASE_MIN_SECONDS, asked));
}

/** X-Hub-Signature for a body sent with the subscriber's secret (the spec's sha256 method). */
export function hubSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** When to try a failed delivery again: 1, 2, 4 … minutes, at most six hours. */
export function retryAt(failures: number, now: Date): Date {
  const minutes = Math.min(360, 2 ** Math.max(0, failures - 1));
  return new Date(now.getTime() + minutes * 60_000);
}

/** The Link header that names the hub and the feed itself, on feeds and on what is sent. */
export function hubLinkHeader(hubUrl: string, selfUrl: string): string {
  return `<${hubUrl}>; rel="hub", <${selfUrl}>; rel="self"`;
}

