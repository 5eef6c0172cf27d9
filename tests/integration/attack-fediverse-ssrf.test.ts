/**
 * Hostile-review probe: can a remote account make this server send requests into its own network?
 * Here FEDIVERSE_ALLOW_PRIVATE_ADDRESS is off, as on every public instance, so Fedify refuses to
 * *fetch* documents from loopback or private addresses. The attacker's actor lives on a public
 * name (attacker.example, never contacted: its key is already in Fedify's key cache, as after any
 * earlier contact, and the actor is embedded in the Follow, which Fedify accepts from the same
 * origin). Only its inbox points inside: at a listener on 127.0.0.1.
 * `it.fails` marks a defect found by the review.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";
import { CryptographicKey, Endpoints, Follow, Person } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { announceUpdates, deliverQueued } from "@/lib/fediverse/announce";
import { handleFederation } from "@/lib/fediverse/handler";
import { DatabaseKvStore } from "@/lib/fediverse/store";
import { createPublishedCause, createUser, stamp } from "../support/factories";

let server: http.Server;
const sockets = new Set<Socket>();
const hits: { method: string; path: string }[] = [];
let inside = "";

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
  inside = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  server.close();
});

/** An account on attacker.example whose key Fedify already knows, with the given inboxes. */
async function attacker(inbox: string, sharedInbox: string | null) {
  const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const id = new URL(`https://attacker.example/users/m-${stamp()}`);
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

describe("attack: fediverse requests into the server's own network", () => {
  it("the setting under test is the production one", () => {
    expect(env.FEDIVERSE_ALLOW_PRIVATE_ADDRESS).toBe(false);
  });

  it("the attacker's setup is otherwise valid: a public inbox gets a subscription", async () => {
    const owner = await createUser("ssrf");
    const cause = await createPublishedCause(owner.id);
    const actor = await attacker("https://attacker.example/inbox", null);
    expect((await signedFollow(actor, cause.slug)).status).toBe(202);
    expect(await db.subscription.count({ where: { remoteActor: actor.id.href, status: "active" } })).toBe(1);
  });

  // DEFECT (lib/fediverse/federation.ts:119-132, lib/fediverse/announce.ts:26-30): the inbox and
  // shared inbox a remote actor names are stored and POSTed to without any address check. Fedify
  // checks only what it fetches (allowPrivateAddress), not where it delivers. Any account can make
  // the server send signed POSTs to loopback, private or link-local addresses (169.254.169.254,
  // the database, the app's own port): at once (the Accept) and on every update (the worker).
  it.fails("a Follow whose inbox points into the server's own network is never delivered to, nor stored", async () => {
    const owner = await createUser("ssrf");
    const cause = await createPublishedCause(owner.id);
    const actor = await attacker(`${inside}/internal/inbox`, `${inside}/internal/shared`);
    const response = await signedFollow(actor, cause.slug);
    expect(response.status).toBeLessThan(500);
    // The worker's part: a new update of the cause, announced and delivered.
    await new Promise((r) => setTimeout(r, 5));
    await db.update.create({ data: { topicId: cause.id, kind: "news", title: "Inside", body: "Body", publishedAt: new Date() } });
    await announceUpdates();
    await deliverQueued();
    const stored = await db.subscription.findMany({ where: { remoteActor: actor.id.href } });
    expect({ hits, stored: stored.map((s) => [s.status, s.remoteInbox, s.remoteSharedInbox]) }).toEqual({ hits: [], stored: [] });
  });
});
