import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { clientNetwork } from "@/lib/rate-limit/rules";

// What the app's own server (scripts/server.mjs) says about the socket a request came in on. Its
// headers count only with the per-process token it publishes: a client cannot forge them, and
// without that server (plain `next start`) they are simply absent.
const serverToken = () => (globalThis as { [key: symbol]: { token?: string } | undefined })[Symbol.for("herzensthema.server")]?.token;

type HeaderBag = Pick<Headers, "get">;

/** The address the app's server saw for this request (vouched for by its token), or null. */
function vouchedAddress(bag: HeaderBag): string | null {
  const token = serverToken();
  const value = bag.get("x-herzensthema-client");
  if (!token || !value) return null;
  const [given, ip] = value.split(" ");
  // "exempt" (or anything that is no address) gives no client: per-client limits do not apply.
  return given === token && ip && isIP(ip) ? ip : null;
}

/**
 * The client's network (IPv4 address or IPv6 /64) for per-client rate limits, or null when unknown
 * or exempt (the server's RATE_LIMIT_EXEMPT). It is only ever hashed into a limiter key; never
 * stored or logged.
 */
export function clientNetworkFrom(bag: HeaderBag): string | null {
  const ip = vouchedAddress(bag);
  return ip ? clientNetwork(ip) : null;
}

/** Whether the request really came from this machine (the socket's peer, not a header). */
export function isLoopbackRequest(bag: HeaderBag): boolean {
  const token = serverToken();
  return Boolean(token) && bag.get("x-herzensthema-loopback") === token;
}

/** The current request's client network; null outside a request (the worker, scripts, tests). */
export async function currentClientNetwork(): Promise<string | null> {
  try {
    return clientNetworkFrom(await headers());
  } catch {
    return null;
  }
}
