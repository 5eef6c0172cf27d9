#!/usr/bin/env node
// A small, independent ActivityPub server for the tests — a fediverse reader's home server, built
// on the same framework (Fedify) but sharing nothing with the app: its own process on loopback, its
// own keys, in-memory storage. Its one account, "reader", finds a cause by WebFinger, follows it,
// receives what the app sends (Fedify verifies every signature before a listener sees it), and
// unfollows. Prints {"port": N} once it listens.
//
// Control API for the test (plain JSON):
//   POST /_follow?resource=acct:slug@host&base=http://app   WebFinger, then Follow; answers the actor
//   POST /_unfollow?actor=<actor id>                        Undo the Follow
//   POST /_reply?actor=<actor id>&inbox=<url>               a signed Create(Note) replying to it
//   GET  /_lookup?url=<url>                                 the object a pasted URL stands for
//   GET  /_received                                         every activity received, oldest first
import http from "node:http";
import { createFederation, generateCryptoKeyPair, MemoryKvStore } from "@fedify/fedify";
import { Accept, Announce, Create, Delete, Endpoints, Follow, Note, Person, Reject, Undo, Update } from "@fedify/vocab";

const server = http.createServer();
// The test's HTTP client keeps connections open across a worker run of several seconds.
server.keepAliveTimeout = 120_000;
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const federation = createFederation({ kv: new MemoryKvStore(), origin, allowPrivateAddress: true });
const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
const received = [];
const follows = new Map();

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "reader") return null;
    const [pair] = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "A reader elsewhere",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: pair.cryptographicKey,
    });
  })
  .setKeyPairsDispatcher((_ctx, identifier) => (identifier === "reader" ? [keys] : []));

const record = (type) => async (_ctx, activity) => {
  const json = await activity.toJsonLd({ format: "compact" });
  received.push({ type, id: activity.id?.href ?? null, actor: activity.actorId?.href ?? null, json });
};
federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Accept, record("Accept"))
  .on(Reject, record("Reject"))
  .on(Create, record("Create"))
  .on(Update, record("Update"))
  .on(Delete, record("Delete"))
  .on(Announce, record("Announce"));

const json = (response, status, body) => {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
};

async function control(url, response) {
  const ctx = federation.createContext(new URL(origin));
  const me = { identifier: "reader" };
  if (url.pathname === "/_received") return json(response, 200, received);
  if (url.pathname === "/_lookup") {
    const object = await ctx.lookupObject(url.searchParams.get("url"));
    return json(response, object ? 200 : 404, object ? await object.toJsonLd({ format: "compact" }) : null);
  }
  if (url.pathname === "/_follow") {
    // Discovery as a fediverse server does it: WebFinger, then the actor its "self" link names.
    const resource = url.searchParams.get("resource");
    const finger = await fetch(`${url.searchParams.get("base")}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`);
    if (!finger.ok) return json(response, 404, { webfinger: finger.status });
    const self = (await finger.json()).links.find((link) => link.rel === "self" && link.type === "application/activity+json");
    const actor = await ctx.lookupObject(self.href);
    if (!actor?.id) return json(response, 404, { actor: null });
    const follow = new Follow({ id: new URL(`${origin}/follows/${crypto.randomUUID()}`), actor: ctx.getActorUri("reader"), object: actor.id });
    follows.set(actor.id.href, follow);
    await ctx.sendActivity(me, actor, follow);
    return json(response, 200, { actor: actor.id.href, inbox: actor.inboxId?.href });
  }
  if (url.pathname === "/_unfollow") {
    const actor = await ctx.lookupObject(url.searchParams.get("actor"));
    const follow = follows.get(actor.id.href);
    await ctx.sendActivity(me, actor, new Undo({ id: new URL(`${follow.id.href}#undo`), actor: ctx.getActorUri("reader"), object: follow }));
    return json(response, 200, { undone: follow.id.href });
  }
  if (url.pathname === "/_reply") {
    const actor = await ctx.lookupObject(url.searchParams.get("actor"));
    const note = new Note({ id: new URL(`${origin}/notes/${crypto.randomUUID()}`), attribution: ctx.getActorUri("reader"), content: "Thank you!", to: actor.id });
    await ctx.sendActivity(me, actor, new Create({ id: new URL(`${note.id.href}#create`), actor: ctx.getActorUri("reader"), object: note, to: actor.id }));
    return json(response, 200, { sent: note.id.href });
  }
  return json(response, 404, null);
}

server.on("request", (request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    const url = new URL(request.url, origin);
    try {
      if (url.pathname.startsWith("/_")) return await control(url, response);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const answer = await federation.fetch(new Request(url, { method: request.method, headers: request.headers, body }), { contextData: undefined });
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      json(response, 500, { error: String(error?.stack ?? error) });
    }
  });
});

console.log(JSON.stringify({ port: server.address().port }));
