/**
 * Hostile-review probes of POST /api/websub. Each `it` states what must hold; each was a finding of a hostile review, fixed since.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/websub/route";
import { env } from "@/lib/env";
import { hubRequestSchema } from "@/lib/websub/rules";
import { stamp } from "../support/factories";

const hub = (form: Record<string, string>) => POST(new NextRequest(`${env.APP_URL}/api/websub`, { method: "POST", body: new URLSearchParams(form) }));

describe("attack: WebSub hub requests", () => {
  it("limits requests about one callback however its URL is spelled (per-target limit is 5/h)", async () => {
    const topic = `${env.APP_URL}/api/feeds/c/missing-${stamp()}/atom`;
    // All of these are the same URL after WHATWG parsing (http://93.184.215.14/cb) — the hub calls that one address.
    const spellings = [
      "http://93.184.215.14/cb",
      "HTTP://93.184.215.14/cb",
      "http://93.184.215.14:80/cb",
      "http://93.184.215.14/c\tb",
      "http://93.184.215.14/c\nb",
      "http://93.184.215.14/./cb",
      "http://0x5d.184.215.14/cb",
      "http://1572394766/cb",
    ];
    for (const s of spellings) expect(new URL(s).href).toBe("http://93.184.215.14/cb");
    const statuses = [];
    for (const callback of spellings) statuses.push((await hub({ "hub.mode": "subscribe", "hub.topic": topic, "hub.callback": callback })).status);
    expect(statuses.filter((s) => s === 429).length, statuses.join(",")).toBeGreaterThanOrEqual(3);
  });

  it("refuses IPv4-compatible IPv6 literals of loopback/private addresses ([::127.0.0.1] → [::7f00:1])", async () => {
    const topic = `${env.APP_URL}/api/feeds/c/missing-${stamp()}/atom`;
    for (const callback of ["http://[::127.0.0.1]/cb", "http://[::10.0.0.1]/cb", "http://[::169.254.169.254]/cb"]) {
      const response = await hub({ "hub.mode": "subscribe", "hub.topic": topic, "hub.callback": callback });
      expect(response.status, `${callback} → ${new URL(callback).host}`).toBe(400);
    }
  });

  it("(sanity, expected to pass) counts the secret in UTF-8 bytes: 199 accepted, 200 refused", () => {
    const base = { "hub.mode": "subscribe", "hub.topic": `${env.APP_URL}/api/feeds/c/x/rss`, "hub.callback": "https://reader.example/cb" };
    expect(hubRequestSchema.safeParse({ ...base, "hub.secret": "ä".repeat(99) + "a" }).success).toBe(true);
    expect(hubRequestSchema.safeParse({ ...base, "hub.secret": "ä".repeat(99) + "aa" }).success).toBe(false);
    expect(hubRequestSchema.safeParse({ ...base, "hub.secret": "😀".repeat(50) }).success).toBe(false);
  });
});
