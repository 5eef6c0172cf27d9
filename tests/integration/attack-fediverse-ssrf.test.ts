/**
 * Hostile-review probe: can a remote account make this server send requests into its own network?
 * Here FEDIVERSE_ALLOW_PRIVATE_ADDRESS is off, as on every public instance, so Fedify refuses to
 * *fetch* documents from loopback or private addresses, and the app refuses inboxes that are not on
 * the follower's own server or do not resolve to public addresses (at Follow time, and again in
 * the worker before sending). The attacker's actor is never fetched: its key is already in Fedify's
 * key cache (as after any earlier contact) and the actor is embedded in the Follow, which Fedify
 * accepts from the same origin. A listener on 127.0.0.1 stands for the server's own network.
 * Public servers are played by a stub of fetch (literal public addresses, no DNS): nothing is sent
 * off this machine.
 * `it.fails` marks a defect found by the review.
 */
import { Resolver } from "node:dns/promises";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";
import { getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from "undici";
import { refusePrivateAddresses } from "@/lib/security/public-fetch";
import { CryptographicKey, Endpoints, Follow, Person } from "@fedify/vocab";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { announceUpdates, deliverQueued } from "@/lib/fediverse/announce";
import { handleFederation } from "@/lib/fediverse/handler";
import { DatabaseKvStore } from "@/lib/fediverse/store";
import { createPublishedCause, createUser, stamp } from "../support/factories";

let server: http.Server;
const sockets = new Set<Socket>();
/** Requests that reached the server's own network. */
const hits: { method: string; path: string }[] = [];
let inside = "";
let port = 0;

/** Requests to public addresses, as the stubbed fetch saw them; `answer` plays those servers. */
const outside: { method: string; url: string }[] = [];
let answer: (url: URL) => Response = () => new Response(null, { status: 202 });

let previousDispatcher: Dispatcher;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push({ method: req.method ?? "", path: req.url ?? "" });
    req.resume();
    res.writeHead(202).end();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  inside = `http://127.0.0.1:${port}`;
  // As every server and worker of a public instance does at start (instrumentation.ts, runWorker):
  // fetch() may connect to public addresses only.
  previousDispatcher = getGlobalDispatcher();
  refusePrivateAddresses();
  // Loopback goes through for real (that is what a hit proves); everything else is answered here.
  const realFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
    // (Read, never copied: a Request made from another takes its body.)
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    if (["127.0.0.1", "localhost", "[::1]", "[::ffff:7f00:1]", "0.0.0.0"].includes(url.hostname)) return realFetch(input, init);
    outside.push({ method, url: url.href });
    return Promise.resolve(answer(url));
  });
});
afterAll(() => {
  setGlobalDispatcher(previousDispatcher);
  vi.unstubAllGlobals();
  for (const s of sockets) s.destroy();
  server.close();
});
beforeEach(async () => {
  hits.length = 0;
  outside.length = 0;
  answer = () => new Response(null, { status: 202 });
  // Every pass below works through the whole queue: start from empty.
  await db.fediverseTask.deleteMany({});
});
afterEach(() => {
  vi.restoreAllMocks();
});

let nextHost = 1 + Math.floor(Math.random() * 200);
const publicOrigin = () => `https://93.184.${nextHost++ % 250}.${1 + Math.floor(Math.random() * 250)}`;

/** An account on `origin` whose key Fedify already knows, with the given inboxes. */
async function attacker(origin: string, inbox: string, sharedInbox: string | null) {
  const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const id = new URL(`${origin}/users/m-${stamp()}`);
  const keyId = new URL(`${id.href}#main-key`);
  const key = new CryptographicKey({ id: keyId, owner: id, publicKey: keys.publicKey });
  await new DatabaseKvStore().set(["_fedify", "publicKey", keyId.href], await key.toJsonLd());
  const person = new Person({
    id,
    preferredUsername: "m",
    inbox: new URL(inbox),
    endpoints: sharedInbox ? new Endpoints({ sharedInbox: new URL(sharedInbox) }) : null,
    publicKey: key,
  });
  return { id, keyId, person, privateKey: keys.privateKey };
}

async function signedFollow(actor: Awaited<ReturnType<typeof attacker>>, slug: string) {
  const follow = new Follow({ id: new URL(`${actor.id.href}/follows/${stamp()}`), actor: actor.person, object: new URL(`${env.APP_URL}/ap/actors/${slug}`) });
  const body = JSON.stringify(await follow.toJsonLd({ format: "compact" }));
  const request = new Request(`${env.APP_URL}/ap/inbox`, {
    method: "POST",
    headers: { "content-type": "application/activity+json", "content-length": String(Buffer.byteLength(body)) },
    body,
  });
  return handleFederation(await signRequest(request, actor.privateKey, actor.keyId));
}

async function publishedCause() {
  const owner = await createUser("ssrf");
  return createPublishedCause(owner.id);
}

/** A new update of the cause, announced and delivered by the worker. */
async function workerPass(topicId: string) {
  await new Promise((r) => setTimeout(r, 5));
  const update = await db.update.create({ data: { topicId, kind: "news", title: "Inside", body: "Body", publishedAt: new Date() } });
  await announceUpdates();
  await deliverQueued();
  return update;
}

const storedFor = async (actor: URL) =>
  (await db.subscription.findMany({ where: { remoteActor: actor.href } })).map((s) => [s.status, s.remoteInbox, s.remoteSharedInbox]);

describe("attack: fediverse requests into the server's own network", () => {
  it("the setting under test is the production one", () => {
    expect(env.FEDIVERSE_ALLOW_PRIVATE_ADDRESS).toBe(false);
  });

  it("the attacker's setup is otherwise valid: a public inbox on its own server gets a subscription, the Accept and the updates", async () => {
    const cause = await publishedCause();
    const origin = publicOrigin();
    const actor = await attacker(origin, `${origin}/inbox`, null);
    expect((await signedFollow(actor, cause.slug)).status).toBe(202);
    expect(await storedFor(actor.id)).toEqual([["active", `${origin}/inbox`, null]]);
    const update = await workerPass(cause.id);
    expect(outside.map((o) => `${o.method} ${o.url}`)).toEqual([`POST ${origin}/inbox`, `POST ${origin}/inbox`]);
    expect(await db.update.findUniqueOrThrow({ where: { id: update.id } })).toMatchObject({ apVersion: expect.any(Date) });
    expect(hits).toEqual([]);
  });

  it("a Follow whose inbox (or shared inbox) points into the server's own network from a public actor is never delivered to, nor stored", async () => {
    const cause = await publishedCause();
    const origin = publicOrigin();
    for (const [inbox, shared] of [
      [`${inside}/internal/inbox`, `${inside}/internal/shared`],
      [`${origin}/inbox`, `${inside}/internal/shared`],
      ["http://169.254.169.254/latest/meta-data", null],
    ] as const) {
      const actor = await attacker(origin, inbox, shared);
      expect((await signedFollow(actor, cause.slug)).status).toBeLessThan(500);
      expect(await storedFor(actor.id), inbox).toEqual([]);
    }
    await workerPass(cause.id);
    expect({ hits, outside }).toEqual({ hits: [], outside: [] });
  });

  it("a Follow from an actor inside the server's own network (however its address is spelt) is never delivered to, nor stored", async () => {
    const cause = await publishedCause();
    const origins = [
      inside,
      `http://localhost:${port}`,
      `http://[::ffff:127.0.0.1]:${port}`,
      `http://2130706433:${port}`, // 127.0.0.1 as one number (the URL parser makes it dotted)
      `http://0x7f.1:${port}`,
      `http://0.0.0.0:${port}`,
      `http://[::1]:${port}`,
      "http://10.0.0.1",
      "http://169.254.169.254",
      "http://[fd00::1]",
      "http://[64:ff9b::7f00:1]", // NAT64 of 127.0.0.1
      "http://100.64.0.1", // carrier-grade NAT
      "https://internal.invalid", // resolves to nothing
    ];
    for (const origin of origins) {
      const actor = await attacker(origin, `${origin}/inbox`, `${origin}/shared`);
      expect((await signedFollow(actor, cause.slug)).status, origin).toBeLessThan(500);
      expect(await storedFor(actor.id), origin).toEqual([]);
    }
    await workerPass(cause.id);
    expect({ hits, outside }).toEqual({ hits: [], outside: [] });
  });

  it("the worker sends nothing to followers stored before the rule (or whose names now resolve inside), only to the public ones", async () => {
    const cause = await publishedCause();
    const good = publicOrigin();
    const since = new Date(Date.now() - 60_000);
    const rows = [
      { remoteActor: `${inside}/users/a-${stamp()}`, remoteInbox: `${inside}/internal/a`, remoteSharedInbox: null },
      { remoteActor: `${good}/users/b-${stamp()}`, remoteInbox: `${good}/users/b/inbox`, remoteSharedInbox: `${inside}/internal/shared` },
      { remoteActor: `https://gone-${nextHost}.invalid/users/c-${stamp()}`, remoteInbox: `https://gone-${nextHost}.invalid/users/c/inbox`, remoteSharedInbox: null },
      { remoteActor: `${good}/users/ok-${stamp()}`, remoteInbox: `${good}/users/ok/inbox`, remoteSharedInbox: null },
    ];
    for (const row of rows) await db.subscription.create({ data: { topicId: cause.id, channel: "fediverse", since, ...row } });
    await workerPass(cause.id);
    expect(hits).toEqual([]);
    expect(outside.map((o) => o.url)).toEqual([`${good}/users/ok/inbox`]);
    const queuedLeft = JSON.stringify(await db.fediverseTask.findMany());
    expect(queuedLeft).not.toContain("127.0.0.1");
    expect(queuedLeft).not.toContain(".invalid");
  });

  // Found in review, fixed by lib/security/public-fetch.ts (connections to private addresses refused; was lib/fediverse/federation.ts onFollow, lib/fediverse/announce.ts publicInboxes): only the
  // stored inbox's host is checked; Fedify then POSTs wherever that inbox redirects (doubleKnock
  // follows any 3xx with Location, re-signing the same POST body; sendActivityInternal passes no
  // validateRedirect). A public inbox answering `307 Location: http://127.0.0.1:…/` makes this
  // server send signed POSTs into its own network — the Accept at once, every update later.
  // Fix: refuse redirects when delivering (or check each Location with the same public-address
  // rule), e.g. with a fetch whose connect step checks the address actually connected to (which
  // also closes the DNS-rebinding gap below).
  it("an accepted public inbox that redirects into the server's own network is never followed there", async () => {
    const cause = await publishedCause();
    const origin = publicOrigin();
    answer = (url) => (url.origin === origin ? new Response(null, { status: 307, headers: { location: `${inside}/internal/redirected` } }) : new Response(null, { status: 202 }));
    const actor = await attacker(origin, `${origin}/inbox`, null);
    expect((await signedFollow(actor, cause.slug)).status).toBe(202);
    await workerPass(cause.id);
    expect(outside.length).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  // Found in review, fixed by lib/security/public-fetch.ts (the connection's own lookup; was lib/security/resolve.ts resolvesPublicly, used by onFollow and publicInboxes): the
  // check asks the DNS once, Fedify's fetch resolves the name again when it connects (and again on
  // every retry, hours later). A name whose DNS answers a public address to the check and
  // 127.0.0.1 to the connection (DNS rebinding, TTL 0) passes. Simulated here: the resolver the
  // check uses is told "localhost" is 93.184.215.14, while the connection resolves it as the
  // system does (127.0.0.1). lib/websub/http.ts avoids this by pinning the checked address in the
  // connection's own lookup. Fix: the same for fediverse deliveries (a dispatcher/agent whose
  // lookup refuses non-public addresses), instead of a separate check before sending.
  it("a name that resolves publicly when checked and privately when connected to is never delivered to", async () => {
    vi.spyOn(Resolver.prototype, "resolve4").mockImplementation((async (host: string) => (host === "localhost" ? ["93.184.215.14"] : [])) as never);
    vi.spyOn(Resolver.prototype, "resolve6").mockImplementation((async () => []) as never);
    const cause = await publishedCause();
    const origin = `http://localhost:${port}`;
    const actor = await attacker(origin, `${origin}/internal/rebound`, null);
    expect((await signedFollow(actor, cause.slug)).status).toBe(202);
    await workerPass(cause.id);
    expect(hits).toEqual([]);
  });
});
