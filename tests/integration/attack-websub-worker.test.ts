/**
 * Hostile-review probes of the WebSub worker (lib/websub/mutations.ts distributeFeeds, lib/websub/http.ts).
 * Each `it` states what must hold; each was a finding of a hostile review, fixed since.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { currentFeed } from "@/lib/websub/feeds";
import { distributeFeeds } from "@/lib/websub/mutations";
import { createUser, stamp } from "../support/factories";

const mutableEnv = env as { WEBSUB_ALLOW_PRIVATE_CALLBACKS: boolean };
const servers: { server: http.Server; sockets: Set<Socket> }[] = [];

async function listen(handler: http.RequestListener) {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({ server, sockets });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
}

async function publishedCause(slug: string) {
  const owner = await createUser("attack-websub");
  return db.topic.create({ data: { slug, title: `Cause ${slug}`, status: "published", publishedAt: new Date(), ownerId: owner.id } });
}

afterEach(async () => {
  mutableEnv.WEBSUB_ALLOW_PRIVATE_CALLBACKS = false;
  await db.webSubSubscription.deleteMany({});
  for (const { server, sockets } of servers.splice(0)) {
    for (const s of sockets) s.destroy();
    server.close();
  }
});
afterAll(() => {
  mutableEnv.WEBSUB_ALLOW_PRIVATE_CALLBACKS = false;
});

const future = () => new Date(Date.now() + 86_400_000);

describe("attack: WebSub worker", () => {
  it("does not starve a changed feed behind 500 subscriptions whose feeds did not change", async () => {
    const early = await publishedCause(`0000-${stamp()}`);
    const late = await publishedCause(`zzzz-${stamp()}`);
    const earlyTopic = `/api/feeds/c/${early.slug}/atom`;
    const { etag } = await currentFeed(earlyTopic);
    expect(etag).toBeTruthy();
    // 500 confirmed subscriptions (one client at 30/h needs ~17 h) to a feed that does not change.
    await db.webSubSubscription.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({ topic: earlyTopic, callback: `https://reader-${i}.example/cb`, leaseSeconds: 864000, expiresAt: future(), sentVersion: etag })),
    });
    // One honest subscriber whose feed DID change (never sent yet): it must at least be attempted.
    await db.webSubSubscription.create({
      data: { topic: `/api/feeds/c/${late.slug}/atom`, callback: "http://127.0.0.1:9/cb", leaseSeconds: 864000, expiresAt: future(), sentVersion: "stale" },
    });
    const stats = await distributeFeeds();
    expect(stats.sent + stats.failed + stats.dropped, JSON.stringify(stats)).toBe(1);
  });

  it("ends a pass in bounded time even when a subscriber drips its answer one byte at a time", async () => {
    mutableEnv.WEBSUB_ALLOW_PRIVATE_CALLBACKS = true;
    const callback = await listen((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("x"), 2000);
      res.on("close", () => clearInterval(timer));
    });
    const cause = await publishedCause(`drip-${stamp()}`);
    await db.webSubSubscription.create({ data: { topic: `/api/feeds/c/${cause.slug}/atom`, callback, leaseSeconds: 864000, expiresAt: future(), sentVersion: "stale" } });
    const started = Date.now();
    const outcome = await Promise.race([
      distributeFeeds().then(() => "finished"),
      new Promise((resolve) => setTimeout(() => resolve("still running"), 16_000)),
    ]);
    // TIMEOUT_MS is 10 s: a pass should be over well within 16 s. The email loop waits on it (lib/delivery/worker.ts runPass).
    expect(outcome, `after ${Date.now() - started} ms`).toBe("finished");
  }, 25_000);

  it("stops reading a huge answer after MAX_RESPONSE_BYTES instead of draining it", async () => {
    mutableEnv.WEBSUB_ALLOW_PRIVATE_CALLBACKS = true;
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, "x");
    const callback = await listen((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const pump = () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const cause = await publishedCause(`huge-${stamp()}`);
    await db.webSubSubscription.create({ data: { topic: `/api/feeds/c/${cause.slug}/atom`, callback, leaseSeconds: 864000, expiresAt: future(), sentVersion: "stale" } });
    await distributeFeeds();
    // 64 MiB were pulled through to read 16 KiB; a bounded reader would stop after a few hundred KiB of socket buffers.
    expect(written).toBeLessThan(8 * 1024 * 1024);
  }, 25_000);

  it("survives a subscription removed (unsubscribed / lease swept by another worker) while its delivery is in flight", async () => {
    mutableEnv.WEBSUB_ALLOW_PRIVATE_CALLBACKS = true;
    const callback = await listen((_req, res) => {
      void db.webSubSubscription.deleteMany({}).then(() => res.end("ok"));
    });
    const cause = await publishedCause(`gone-${stamp()}`);
    await db.webSubSubscription.create({ data: { topic: `/api/feeds/c/${cause.slug}/atom`, callback, leaseSeconds: 864000, expiresAt: future(), sentVersion: "stale" } });
    await expect(distributeFeeds()).resolves.toMatchObject({ sent: expect.any(Number) });
  });
});
