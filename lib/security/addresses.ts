import ipaddr from "ipaddr.js";

// Which addresses are on the public internet: the one rule behind every call this server makes to an
// address someone else chose (WebSub callbacks, fediverse inboxes).

/**
 * Whether an address is on the public internet. Loopback, private, link-local, carrier-grade NAT,
 * multicast, documentation and every other reserved range are not: nobody may make
 * this server call into its own network.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  // IPv4-compatible (::a.b.c.d, deprecated) and local-use NAT64 (64:ff9b:1::/48) addresses, which
  // ipaddr.js counts as unicast, lead back into IPv4 space: never.
  if (parsed instanceof ipaddr.IPv6 && (parsed.match(IPV4_COMPATIBLE, 96) || parsed.match(LOCAL_NAT64, 48))) return false;
  return parsed.range() === "unicast";
}
const IPV4_COMPATIBLE = ipaddr.IPv6.parse("::");
const LOCAL_NAT64 = ipaddr.IPv6.parse("64:ff9b:1::");