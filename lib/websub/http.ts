import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { isPublicAddress } from "./rules";

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
        ...(env.WEBSUB_ALLOW_PRIVATE_CALLBACKS ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
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
  if (env.WEBSUB_ALLOW_PRIVATE_CALLBACKS) return true;
  const host = new URL(callback).hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host)) return isPublicAddress(host);
  return new Promise((resolve) =>
    dnsLookup(host, { all: true }, (error, addresses) => resolve(!error && addresses.length > 0 && addresses.every((a) => isPublicAddress(a.address)))),
  );
}
