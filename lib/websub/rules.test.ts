import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPublicAddress } from "@/lib/security/addresses";
import { grantedLease, hubRequestSchema, hubSignature, LEASE_MAX_SECONDS, LEASE_MIN_SECONDS, publicFeedPath, retryAt } from "./rules";

const APP = "https://herzensthema.example.org";

describe("WebSub hub rules", () => {
  it("accepts only this site's public feeds as topics", () => {
    expect(publicFeedPath(`${APP}/api/feeds/c/saubere-spree/atom`, APP)).toBe("/api/feeds/c/saubere-spree/atom");
    expect(publicFeedPath(`${APP}/api/feeds/g/gruener-kiez-berlin/json`, APP)).toBe("/api/feeds/g/gruener-kiez-berlin/json");
    for (const topic of [
      "https://elsewhere.example/api/feeds/c/saubere-spree/atom",
      `${APP}/api/feeds/me/secret-token/atom`,
      `${APP}/api/feeds/c/saubere-spree/atom?x=1`,
      `${APP}/api/feeds/c/Saubere-Spree/atom`,
      `${APP}/api/feeds/c/../me/x/atom`,
      `${APP}/c/saubere-spree`,
      "not a url",
    ]) {
      expect(publicFeedPath(topic, APP), topic).toBeNull();
    }
  });

  it("grants leases between an hour and ten days, a week by default", () => {
    expect(grantedLease(undefined)).toBe(7 * 24 * 3600);
    expect(grantedLease(5)).toBe(LEASE_MIN_SECONDS);
    expect(grantedLease(10 ** 9)).toBe(LEASE_MAX_SECONDS);
    expect(grantedLease(86_400)).toBe(86_400);
  });

  it("refuses callbacks that are no http(s) URL, carry credentials, and secrets of 200 bytes or more", () => {
    const base = { "hub.mode": "subscribe", "hub.topic": `${APP}/api/feeds/c/x/rss` };
    expect(hubRequestSchema.safeParse({ ...base, "hub.callback": "https://reader.example/cb?id=1" }).success).toBe(true);
    for (const callback of ["javascript:alert(1)", "file:///etc/passwd", "https://user:pw@reader.example/cb", "gopher://reader.example/", "x".repeat(3000)]) {
      expect(hubRequestSchema.safeParse({ ...base, "hub.callback": callback }).success, callback).toBe(false);
    }
    expect(hubRequestSchema.safeParse({ ...base, "hub.callback": "https://reader.example/cb", "hub.secret": "ä".repeat(100) }).success).toBe(false);
    expect(hubRequestSchema.safeParse({ ...base, "hub.mode": "publish", "hub.callback": "https://reader.example/cb" }).success).toBe(false);
  });

  it("signs with HMAC-SHA256 and backs off 1, 2, 4 … minutes up to six hours", () => {
    expect(hubSignature("k", "body")).toBe(`sha256=${createHmac("sha256", "k").update("body").digest("hex")}`);
    const now = new Date("2026-12-01T12:00:00Z");
    expect(retryAt(1, now).getTime() - now.getTime()).toBe(60_000);
    expect(retryAt(3, now).getTime() - now.getTime()).toBe(4 * 60_000);
    expect(retryAt(20, now).getTime() - now.getTime()).toBe(6 * 3600_000);
  });

  it("calls only public addresses", () => {
    for (const address of ["93.184.215.14", "2606:4700:4700::1111"]) expect(isPublicAddress(address), address).toBe(true);
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1", "255.255.255.255", "localhost", "not-an-ip"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});
