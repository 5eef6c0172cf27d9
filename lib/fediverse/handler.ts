import "server-only";
import { clientNetworkFrom } from "@/lib/client";
import { env } from "@/lib/env";
import { guardedRoute } from "@/lib/http";
import { consumeRate } from "@/lib/rate-limit/limiter";
import { retryMinutes } from "@/lib/rate-limit/rules";
import { getDocumentLoader, kvCache, verifyRequest, type KeyCache } from "@fedify/fedify";
import { CryptographicKey, Multikey } from "@fedify/vocab";
import { federation } from "./federation";
import { activityActorId, keyMaySpeakFor } from "./rules";
import { DatabaseKvStore } from "./store";

// The one door from Next.js route handlers to Fedify (/.well-known/webfinger, /.well-known/nodeinfo
// and everything under /ap).

// An activity is a few kilobytes; anything near this is not one.
export const MAX_ACTIVITY_BYTES = 256 * 1024;

const plain = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });

async function handle(incoming: Request): Promise<Response> {
  if (incoming.method === "POST") {
    const length = Number(incoming.headers.get("content-length") ?? "NaN");
    if (!Number.isFinite(length)) return plain(411, "Send a Content-Length.");
    if (length > MAX_ACTIVITY_BYTES) return plain(413, "Too large for an activity.");
    const rate = await consumeRate("fediverseInbox", { client: clientNetworkFrom(incoming.headers) });
    if (!rate.ok) return plain(429, "Too many activities. Try again later.", { "Retry-After": String(retryMinutes(rate.retryAfterMs) * 60) });
  }
  // Fedify names collection pages after the request's URL: give it this app's public address,
  // whatever address the server behind the proxy was asked on, or whatever Host a client claims.
  const url = new URL(incoming.url);
  const body = incoming.method === "POST" ? await incoming.arrayBuffer() : undefined;
  const request = new Request(new URL(url.pathname + url.search, env.APP_URL), { method: incoming.method, headers: incoming.headers, body });
  if (body) {
    // Fedify verifies the signature and that the key's document names the actor as its owner —
    // but that claim comes from the key's own server. Only a key on the actor's server may speak
    // for it, so a server cannot follow or unfollow in somebody else's name. The key is the one
    // the HTTP signature really verifies with (Fedify's own verifier, sharing its cache of remote
    // documents); posts without a valid HTTP signature are refused here, as Mastodon always signs.
    const key = await verifyRequest(request.clone(), { documentLoader: remoteDocuments(), contextLoader: remoteDocuments(), keyCache }).catch(() => null);
    const actorId = activityActorId(parseJson(body));
    if (!key?.id) return plain(401, "Sign the request with an HTTP signature.");
    if (!actorId || !keyMaySpeakFor(key.id.href, actorId)) return plain(401, "The signing key is not the actor's.");
  }
  return federation.fetch(request, {
    contextData: undefined,
    onNotFound: () => plain(404, "Not found."),
    // Actors and objects are JSON-LD only; their pages are at the URL in the document's "url".
    onNotAcceptable: () => plain(406, "Ask for application/activity+json.", { Vary: "Accept" }),
  });
}

// Remote documents (keys, actors) through the same database cache Fedify keeps them in.
let loader: ReturnType<typeof kvCache> | undefined;
const remoteDocuments = () =>
  (loader ??= kvCache({
    loader: getDocumentLoader({ allowPrivateAddress: env.FEDIVERSE_ALLOW_PRIVATE_ADDRESS }),
    kv: new DatabaseKvStore(),
    prefix: ["_fedify", "remoteDocument"],
  }));

// Remote public keys in the same place Fedify caches them (its KvKeyCache is not exported).
const KEY_PREFIX = ["_fedify", "publicKey"] as const;
const keyCache: KeyCache = {
  async get(keyId) {
    const stored = await new DatabaseKvStore().get([...KEY_PREFIX, keyId.href]);
    if (stored === undefined) return undefined;
    if (stored === null) return null;
    const options = { documentLoader: remoteDocuments(), contextLoader: remoteDocuments() };
    return CryptographicKey.fromJsonLd(stored, options).catch(() => Multikey.fromJsonLd(stored, options).catch(() => undefined));
  },
  async set(keyId, key) {
    await new DatabaseKvStore().set([...KEY_PREFIX, keyId.href], key ? await key.toJsonLd() : null, key ? undefined : { ttl: { minutes: 10 } as never });
  },
};

function parseJson(body: ArrayBuffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return null;
  }
}

export const handleFederation = guardedRoute("fediverse", handle);
