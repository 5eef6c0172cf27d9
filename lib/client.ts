import "server-only";
import { BlockList, isIP } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientNetwork } from "@/lib/rate-limit/rules";

// What the app's own server (scripts/server.mjs) says about the socket a request came in on. Its
// headers count only with the per-process token it publishes: a client cannot forge them, and
// without that server (plain `next start`) they are simply absent.
const serverToken = () => (globalThis as { [key: symbol]: { token?: string } | undefined })[Symbol.for("herzensthema.server")]?.token;

type HeaderBag = Pick<Headers, "get">;

const exempt = new BlockList();
for (const entry of env.RATE_LIMIT_EXEMPT.split(",").map((s) => s.trim()).filter(Boolean)) {
  const [address, bits] = entry.split("/");
  const type = isIP(address) === 6 ? "ipv6" : "ipv4";
  if (!isIP(address)) throw new Error(`RATE_LIMIT_EXEMPT: "${entry}" is not an IP address or CIDR`);
  if (bits) exempt.addSubnet(address, Number(bits), type);
  else exempt.addAddress(address, type);
}

/** The address the app's server saw for this request (vouched for by its token), or null. */
function vouchedAddress(bag: HeaderBag): string | null {
  const token = serverToken();
  const value = bag.get("x-herzensthema-client");
  if (!token || !value) return null;
  const [given, ip] = value.split(" ");
  return given === token && ip && isIP(ip) ? ip : null;
}

/**
 * The client's network (IPv4 address or IPv6 /64) for per-client rate limits, or null when unknown
 * or exempt (RATE_LIMIT_EXEMPT). It is only ever hashed into a limiter key; never stored or logged.
 */
export function clientNetworkFrom(bag: HeaderBag): string | null {
  const ip = vouchedAddress(bag);
  if (!ip || exempt.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4")) return null;
  return clientNetwork(ip);
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
