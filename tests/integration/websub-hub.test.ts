/**
 * The WebSub hub refuses what it must, before it calls anybody: callbacks inside this server's own
 * network (the default: WEBSUB_ALLOW_PRIVATE_CALLBACKS is off), topics that are no public feed
 * here, malformed requests; and it limits how often one callback may be asked about. The whole
 * round trip with a real subscriber process is e2e/websub.spec.ts.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/websub/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const hub = (form: Record<string, string>) =>
  POST(new NextRequest(`${env.APP_URL}/api/websub`, { method: "POST", body: new URLSearchParams(form) }));

describe("the WebSub hub refuses", () => {
  it("callbacks on loopback, private, link-local and other inside addresses, also by name or mapped", async () => {
    expect(env.WEBSUB_ALLOW_PRIVATE_CALLBACKS).toBe(false);
    const owner = await createUser("websub");
    const cause = await createPublishedCause(owner.id);
    const topic = `${env.APP_URL}/api/feeds/c/${cause.slug}/atom`;
    for (const callback of [
      "http://127.0.0.1:9/cb",
      "http://localhost/cb",
      "http://[::1]/cb",
      "http://10.1.2.3/cb",
      "http://192.168.0.10/cb",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:127.0.0.1]/cb",
      "http://0.0.0.0/cb",
      "http://100.64.1.1/cb",
    ]) {
      const response = await hub({ "hub.mode": "subscribe", "hub.topic": topic, "hub.callback": callback });
      expect(response.status, callback).toBe(400);
      expect(await response.text()).toContain("public internet");
    }
    expect(await db.webSubSubscription.count({ where: { topic: `/api/feeds/c/${cause.slug}/atom` } })).toBe(0);
  });

  it("topics that are no public feed here, and malformed requests", async () => {
    const callback = "http://93.184.215.14/cb";
    const cases: [Record<string, string>, number][] = [
      [{ "hub.mode": "subscribe", "hub.topic": "https://elsewhere.example/feed", "hub.callback": callback }, 400],
      [{ "hub.mode": "subscribe", "hub.topic": `${env.APP_URL}/api/feeds/me/token/atom`, "hub.callback": callback }, 400],
      [{ "hub.mode": "publish", "hub.topic": `${env.APP_URL}/api/feeds/c/x/atom`, "hub.callback": callback }, 400],
      [{ "hub.mode": "subscribe", "hub.topic": `${env.APP_URL}/api/feeds/c/x/atom`, "hub.callback": "ftp://reader.example/" }, 400],
      [{ "hub.mode": "subscribe", "hub.topic": `${env.APP_URL}/api/feeds/c/x/atom`, "hub.callback": callback, "hub.secret": "s".repeat(200) }, 400],
      // The URL standard drops CR and LF inside a URL: this is /api/feeds/c/x/atom, which does not exist.
      [{ "hub.mode": "subscribe", "hub.topic": `${env.APP_URL}/api/feeds/c/x\r\n/atom`, "hub.callback": callback }, 404],
    ];
    for (const [form, status] of cases) expect((await hub(form)).status, JSON.stringify(form)).toBe(status);
    const notForm = await POST(new NextRequest(`${env.APP_URL}/api/websub`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }));
    expect(notForm.status).toBe(400);
  });

  it("more than five requests an hour about one callback and feed", async () => {
    const form = { "hub.mode": "subscribe", "hub.topic": `${env.APP_URL}/api/feeds/c/missing-${stamp()}/atom`, "hub.callback": "http://93.184.215.14/cb" };
    const statuses = await Promise.all(Array.from({ length: 8 }, () => hub(form).then((r) => r.status)));
    expect(statuses.filter((s) => s === 404)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });
});
