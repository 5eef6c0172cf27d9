import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { isPublicAddress } from "@/lib/security/addresses";
import { resolvesPublicly } from "@/lib/security/resolve";

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 16 * 1024;

/**
 * DNS lookup for callbacks that refuses non-public addresses at connect time, so a name that
 * resolves differently a second later (DNS rebinding) cannot slip past a check made earlier.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as LookupAddress[];
    const refused = list.find((a) => !isPublicAddress(a.address));
    if (!list.length || refused) {
      return callback(Object.assign(new Error(`callback address not public: ${hostname}`), { code: "EWEBSUBPRIVATE" }), "", 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

export type CallbackAnswer = { status: number; body: string };

/**
 * One request to a subscriber's callback: no redirects followed, ten seconds at most, a small
 * answer read. Refuses private and loopback targets (also literal addresses) unless
 * WEBSUB_ALLOW_PRIVATE_CALLBACKS is on (tests on one machine).
 */
export function callCallback(method: "GET" | "POST", target: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<CallbackAnswer> {
  // One deadline for the whole exchange: a subscriber that answers a byte at a time cannot hold
  // the worker (and with it the mails) for longer.
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!env.WEBSUB_ALLOW_PRIVATE_CALLBACKS && ipaddr.isValid(host) && !isPublicAddress(host)) {
    return Promise.reject(Object.assign(new Error(`callback address not public: ${host}`), { code: "EWEBSUBPRIVATE" }));
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method,
        headers: { "User-Agent": "Herzensthema WebSub hub", ...options.headers },
        timeout: TIMEOUT_MS,
        signal,
        ...(env.WEBSUB_ALLOW_PRIVATE_CALLBACKS ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          chunks.push(chunk);
          // Enough read: a challenge or an acknowledgement is short. The rest is not downloaded.
          if (size > MAX_RESPONSE_BYTES) {
            response.destroy();
            done();
          }
        });
        response.on("end", done);
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("callback timed out")));
    request.on("error", reject);
    request.end(options.body);
  });
}

/** Whether a callback's host is (or resolves only to) public addresses; always true when private ones are allowed. */
export async function callbackIsPublic(callback: string): Promise<boolean> {
  return env.WEBSUB_ALLOW_PRIVATE_CALLBACKS || resolvesPublicly(callback);
}
