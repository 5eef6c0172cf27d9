import "server-only";
import { Resolver } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { isPublicAddress } from "./addresses";

const resolver = new Resolver({ timeout: 3000, tries: 1 });

/**
 * Whether a URL's host is (or resolves only to) public addresses. Asked of the DNS directly with a
 * short timeout (not the thread pool's getaddrinfo), so a slow name server cannot tie up this process.
 */
export async function resolvesPublicly(target: string): Promise<boolean> {
  let host: string;
  try {
    host = new URL(target).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  if (ipaddr.isValid(host)) return isPublicAddress(host);
  const [v4, v6] = await Promise.all([resolver.resolve4(host).catch(() => []), resolver.resolve6(host).catch(() => [])]);
  const addresses = [...v4, ...v6];
  return addresses.length > 0 && addresses.every(isPublicAddress);
}
