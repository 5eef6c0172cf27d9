import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, setGlobalDispatcher } from "undici";
import { isPublicAddress } from "./addresses";

// Outgoing fetch() of this process (Fedify's deliveries, Accepts and remote documents) may reach
// only public addresses — checked when each connection is made, so neither a redirect to
// 127.0.0.1 nor a name that resolves differently a second later (DNS rebinding) gets through.

const refusal = (host: string) => Object.assign(new Error(`address not public: ${host}`), { code: "EPRIVATEADDRESS" });

const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as LookupAddress[];
    if (!list.length || list.some((a) => !isPublicAddress(a.address))) return callback(refusal(hostname), "", 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

const connectPublic = buildConnector({ lookup: publicOnlyLookup });

/** A connector that refuses literal private addresses (no DNS is asked for those) and private answers. */
const connect: buildConnector.connector = (options, callback) => {
  const host = options.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !isPublicAddress(host)) {
    callback(refusal(host), null);
    return;
  }
  connectPublic(options, callback);
};

/** Makes every fetch() of this process refuse non-public addresses. */
export function refusePrivateAddresses() {
  setGlobalDispatcher(new Agent({ connect }));
}
