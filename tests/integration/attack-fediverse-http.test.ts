/**
 * Hostile-review probes of the fediverse's HTTP side without signatures: the door in
 * lib/fediverse/handler.ts (sizes, rate limit, the address it answers as), WebFinger and NodeInfo,
 * what the actors, followers, outboxes and Articles reveal (lib/fediverse/federation.ts,
 * queries.ts), and the content negotiation on page URLs (proxy.ts, lib/fediverse/rules.ts).
 * Each `it` states what must hold; `it.fails` marks a defect found by the review.
 */
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handleFederation, MAX_ACTIVITY_BYTES } from "@/lib/fediverse/handler";
import { activityPathOfPage, wantsActivityJson } from "@/lib/fediverse/rules";
import { RATE_LIMITS } from "@/lib/rate-limit/rules";
import { proxy } from "@/proxy";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const AP = "application/activity+json";
const APP = new URL(env.APP_URL);

const get = (path: string, headers: Record<string, string> = {}, base = env.APP_URL) =>
  handleFederation(new Request(new URL(path, base), { headers: { accept: AP, ...headers } }));
const getJson = async (path: string, headers: Record<string, string> = {}, base = env.APP_URL) => {
  const response = await get(path, headers, base);
  expect(response.status, path).toBe(200);
  return { response, json: (await response.json()) as Record<string, unknown>, text: "" };
};

async function cause(status: "draft" | "published" | "archived" | "suspended" | "removed" = "published") {
  const owner = await createUser("attack-fedi-http");
  const topic = await createPublishedCause(owner.id);
  if (status !== "published") await db.topic.update({ where: { id: topic.id }, data: { status, ...(status === "suspended" ? { suspendedFrom: "published" } : {}) } });
  return topic;
}

async function group(status: "active" | "archived" | "suspended" = "active") {
  const slug = `grp-${stamp()}`;
  return db.partnerGroup.create({ data: { slug, name: `Group ${slug}`, concern: "Concern", status } });
}

const publish = (topicId: string, title: string, extra: { hiddenAt?: Date; deletedAt?: Date; publishedAt?: Date } = {}) =>
  db.update.create({ data: { topicId, kind: "news", title, body: `Body of ${title}`, publishedAt: extra.publishedAt ?? new Date(), hiddenAt: extra.hiddenAt, deletedAt: extra.deletedAt } });

/** Every item of an OrderedCollection, following `first` and `next`. */
async function allItems(collectionPath: string): Promise<Record<string, unknown>[]> {
  const { json } = await getJson(collectionPath);
  const items: Record<string, unknown>[] = [...((json.orderedItems as Record<string, unknown>[]) ?? [])];
  let next = typeof json.first === "string" ? json.first : null;
  for (let guard = 0; next && guard < 50; guard++) {
    const page = (await getJson(new URL(next).pathname + new URL(next).search)).json;
    items.push(...((page.orderedItems as Record<string, unknown>[]) ?? []));
    next = typeof page.next === "string" ? page.next : null;
  }
  return items;
}

const post = (path: string, body: BodyInit | null, headers: Record<string, string> = {}) =>
  handleFederation(new Request(new URL(path, env.APP_URL), { method: "POST", headers: { "content-type": AP, ...headers }, body, duplex: "half" } as RequestInit));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("attack: the fediverse door (handler.ts)", () => {
  it("refuses a 1 MB activity with 413 and a POST without Content-Length with 411, before Fedify sees them", async () => {
    const huge = "x".repeat(1024 * 1024);
    for (const path of ["/ap/inbox", "/ap/actors/whatever/inbox"]) {
      const tooLarge = await post(path, huge, { "content-length": String(huge.length) });
      expect(tooLarge.status).toBe(413);
      const justOver = await post(path, "x".repeat(MAX_ACTIVITY_BYTES + 1), { "content-length": String(MAX_ACTIVITY_BYTES + 1) });
      expect(justOver.status).toBe(413);
      // A streamed body: no Content-Length at all.
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("{}"));
          controller.close();
        },
      });
      expect((await post(path, stream)).status).toBe(411);
      for (const length of ["abc", "Infinity", "1e400"]) {
        expect((await post(path, "{}", { "content-length": length })).status, `content-length: ${length}`).toBe(411);
      }
    }
  });

  it("limits bursts of POSTs per client network (fediverseInbox), 429 with Retry-After; other networks and GETs go on", async () => {
    const token = `token-${stamp()}`;
    vi.stubGlobal(Symbol.for("herzensthema.server") as unknown as string, { token });
    const points = RATE_LIMITS.fediverseInbox[0].points;
    const ip = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    const other = `192.0.2.${1 + Math.floor(Math.random() * 250)}`;
    const from = (ip: string) => ({ "x-herzensthema-client": `${token} ${ip}`, "content-length": "1" });
    const burst = Array.from({ length: points }, (_, i) => i);
    const statuses: number[] = [];
    for (let i = 0; i < burst.length; i += 50) {
      statuses.push(...(await Promise.all(burst.slice(i, i + 50).map((n) => post(n % 2 ? "/ap/inbox" : "/ap/actors/nobody/inbox", "x", from(ip)).then((r) => r.status)))));
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    const refused = await post("/ap/inbox", "x", from(ip));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // A forged client header (wrong token) does not pick another network's budget: it has none
    // (only the app's own server vouches for addresses).
    expect((await post("/ap/inbox", "x", { "x-herzensthema-client": `forged ${other}`, "content-length": "1" })).status).not.toBe(429);
    // Another network has its own budget.
    expect((await post("/ap/inbox", "x", from(other))).status).not.toBe(429);
    // Reading stays possible.
    expect((await get("/.well-known/nodeinfo", { "x-herzensthema-client": `${token} ${ip}` })).status).toBe(200);
  }, 120_000);

  it("every id and address in the documents is APP_URL's, whatever Host, X-Forwarded-Host or X-Forwarded-Proto a client claims", async () => {
    const topic = await cause();
    await publish(topic.id, "Spoof");
    const g = await group();
    await db.groupMembership.create({ data: { groupId: g.id, topicId: topic.id } });
    const update = await db.update.findFirstOrThrow({ where: { topicId: topic.id } });
    const spoof = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", forwarded: "host=evil.example;proto=https" };
    const paths = [
      `/ap/actors/${topic.slug}`,
      `/ap/actors/g.${g.slug}`,
      `/ap/actors/${topic.slug}/outbox`,
      `/ap/actors/${topic.slug}/outbox?cursor=`,
      `/ap/actors/g.${g.slug}/outbox?cursor=`,
      `/ap/actors/${topic.slug}/followers`,
      `/ap/c/${topic.slug}/u/${update.id}`,
      `/.well-known/webfinger?resource=acct:${topic.slug}@${APP.host}`,
      `/.well-known/nodeinfo`,
      `/ap/nodeinfo/2.1`,
    ];
    for (const path of paths) {
      for (const base of [env.APP_URL, "https://evil.example", "http://127.0.0.1:9"]) {
        const response = await get(path, spoof, base);
        expect(response.status, `${base}${path}`).toBe(200);
        const text = await response.text();
        expect(text, `${base}${path}`).not.toContain("evil.example");
        expect(text, `${base}${path}`).not.toContain("127.0.0.1:9");
      }
    }
    // Asked for a handle on the claimed host, WebFinger knows nobody.
    expect((await get(`/.well-known/webfinger?resource=acct:${topic.slug}@evil.example`, spoof, "https://evil.example")).status).toBe(404);
  });
});

describe("attack: WebFinger", () => {
  it("answers only acct: handles of live causes and groups on APP_URL's host", async () => {
    const live = await cause();
    const g = await group();
    const host = APP.host;
    const ok = [`acct:${live.slug}@${host}`, `acct:g.${g.slug}@${host}`, `${env.APP_URL}/ap/actors/${live.slug}`];
    for (const resource of ok) {
      const response = await get(`/.well-known/webfinger?resource=${encodeURIComponent(resource)}`);
      expect(response.status, resource).toBe(200);
      const jrd = (await response.json()) as { links: { rel: string; href: string }[] };
      const self = jrd.links.find((l) => l.rel === "self")!;
      expect(self.href.startsWith(`${env.APP_URL}/ap/actors/`), resource).toBe(true);
    }
    const draft = await cause("draft");
    const suspended = await cause("suspended");
    const removed = await cause("removed");
    const suspendedGroup = await group("suspended");
    const notFound = [
      `acct:${live.slug}@elsewhere.example`,
      `acct:${live.slug}@${host}@elsewhere.example`,
      `acct:${live.slug}@${APP.hostname}`, // without the port
      `acct:${live.slug.toUpperCase()}@${host}`,
      `acct:${encodeURIComponent(live.slug).replace(/-/g, "%2D")}@${host}`,
      `acct:../${live.slug}@${host}`,
      `acct:..%2F..%2Fap%2Finbox@${host}`,
      `acct:${live.slug}%00@${host}`,
      `acct:${live.slug}\u202e@${host}`,
      `acct:g.@${host}`,
      `acct:g.g.${g.slug}@${host}`,
      `acct:g.${g.slug.toUpperCase()}@${host}`,
      `acct:${"a".repeat(5000)}@${host}`,
      `acct:${draft.slug}@${host}`,
      `acct:${suspended.slug}@${host}`,
      `acct:${removed.slug}@${host}`,
      `acct:g.${suspendedGroup.slug}@${host}`,
      `https://elsewhere.example/ap/actors/${live.slug}`,
      `${env.APP_URL}/ap/actors/${draft.slug}`,
      `${env.APP_URL}/c/${live.slug}`,
      `mailto:${live.slug}@${host}`,
    ];
    for (const resource of notFound) {
      const response = await get(`/.well-known/webfinger?resource=${encodeURIComponent(resource)}`);
      expect([400, 404], resource).toContain(response.status);
    }
    // Percent-encoding twice, and a resource parameter given twice.
    expect([400, 404]).toContain((await get(`/.well-known/webfinger?resource=${encodeURIComponent(encodeURIComponent(`acct:${live.slug}@${host}`))}`)).status);
    const twice = await get(`/.well-known/webfinger?resource=${encodeURIComponent(`acct:${draft.slug}@${host}`)}&resource=${encodeURIComponent(`acct:${live.slug}@${host}`)}`);
    expect(twice.status).toBe(404);
    expect((await get("/.well-known/webfinger")).status).toBe(400);
  });

  it("uppercase in the host is the same host (never another one)", async () => {
    const live = await cause();
    const response = await get(`/.well-known/webfinger?resource=${encodeURIComponent(`acct:${live.slug}@${APP.host.toUpperCase()}`)}`);
    expect([200, 404]).toContain(response.status);
    if (response.status === 200) expect(((await response.json()) as { subject: string }).subject).toBe(`acct:${live.slug}@${APP.host}`);
  });
});

describe("attack: what the collections and objects reveal", () => {
  it("the followers collection gives a count of every channel and never who follows", async () => {
    const topic = await cause();
    const reader = await createUser("fedi-follower");
    await db.subscription.createMany({
      data: [
        { topicId: topic.id, channel: "fediverse", remoteActor: "https://remote.example/users/secret-alice", remoteInbox: "https://remote.example/users/secret-alice/inbox" },
        { topicId: topic.id, channel: "fediverse", remoteActor: "https://remote.example/users/secret-bob", remoteInbox: "https://remote.example/inbox", status: "left" },
        { topicId: topic.id, userId: reader.id },
        { topicId: topic.id, email: `secret-carol-${stamp()}@example.org`, channel: "email" },
      ],
    });
    for (const path of [`/ap/actors/${topic.slug}/followers`, `/ap/actors/${topic.slug}/followers?cursor=`, `/ap/actors/${topic.slug}/followers?cursor=0`, `/ap/actors/${topic.slug}/followers?base-url=https%3A%2F%2Fremote.example%2F`]) {
      const response = await get(path);
      if (response.status !== 200) {
        expect([404], path).toContain(response.status);
        continue;
      }
      const text = await response.text();
      const json = JSON.parse(text) as Record<string, unknown>;
      // (The collection's own id repeats the query string; nothing else may name anybody.)
      expect(text, path).not.toMatch(/secret|@test\.local|example\.org/);
      expect((json.orderedItems as unknown[] | undefined) ?? (json.items as unknown[] | undefined) ?? [], path).toEqual([]);
      if (!path.includes("?")) expect(json.totalItems, path).toBe(3);
    }
    // A Follow-collection digest header (FEP-8fcf) is no way in either.
    const sync = await get(`/ap/actors/${topic.slug}/followers`, { "collection-synchronization": 'collectionId="x", url="y", digest="z"' });
    expect(await sync.text()).not.toMatch(/secret|remote\.example/);
  });

  it("outboxes and Articles never show hidden or deleted updates, nor those of draft, suspended or removed causes", async () => {
    const topic = await cause();
    const visible = await publish(topic.id, "Visible");
    const hidden = await publish(topic.id, "Hidden-by-operator", { hiddenAt: new Date() });
    const deleted = await publish(topic.id, "Deleted-by-publisher", { hiddenAt: new Date(), deletedAt: new Date() });
    const others = await Promise.all((["draft", "suspended", "removed"] as const).map(async (s) => ({ status: s, topic: await cause(s) })));
    const otherUpdates = await Promise.all(others.map(({ topic: t, status }) => publish(t.id, `Of-a-${status}-cause`)));
    const g = await group();
    for (const t of [topic, ...others.map((o) => o.topic)]) await db.groupMembership.create({ data: { groupId: g.id, topicId: t.id } });

    for (const actor of [topic.slug, `g.${g.slug}`]) {
      const items = await allItems(`/ap/actors/${actor}/outbox`);
      const text = JSON.stringify(items);
      expect(text, actor).toContain(visible.id);
      for (const u of [hidden, deleted, ...otherUpdates]) expect(text, `${actor}: ${u.title}`).not.toContain(u.id);
      const { json } = await getJson(`/ap/actors/${actor}/outbox`);
      expect(json.totalItems, actor).toBe(1);
    }
    // Paging with the id of a hidden update as cursor shows nothing new.
    const afterHidden = (await getJson(`/ap/actors/${topic.slug}/outbox?cursor=${hidden.id}`)).json;
    expect(JSON.stringify(afterHidden.orderedItems ?? [])).not.toContain(hidden.id);
    for (const status of ["draft", "suspended", "removed"]) {
      const t = others.find((o) => o.status === status)!.topic;
      // (The collection itself answers 200 for any identifier, even one that never existed —
      // Fedify asks the dispatcher only for pages — but with no count and a first page that is 404.)
      const collection = await get(`/ap/actors/${t.slug}/outbox`);
      if (collection.status === 200) expect((await collection.json()).totalItems, status).toBeUndefined();
      expect((await get(`/ap/actors/${t.slug}/outbox?cursor=`)).status, status).toBe(404);
      expect((await get(`/ap/actors/${t.slug}/followers`)).status, status).toBe(404);
      expect((await get(`/ap/actors/${t.slug}`)).status, status).toBe(404);
    }
    const article = (await getJson(`/ap/c/${topic.slug}/u/${visible.id}`)).json;
    expect(article.id).toBe(`${env.APP_URL}/ap/c/${topic.slug}/u/${visible.id}`);
    for (const u of [hidden, deleted]) expect((await get(`/ap/c/${topic.slug}/u/${u.id}`)).status, u.title).toBe(404);
    for (const [i, u] of otherUpdates.entries()) expect((await get(`/ap/c/${others[i].topic.slug}/u/${u.id}`)).status, u.title).toBe(404);
    // The old address of an Article answers nothing any more.
    expect((await get(`/ap/updates/${visible.id}`)).status).toBe(404);
    // NodeInfo counts only what is public.
    const usage = (await getJson("/ap/nodeinfo/2.1")).json.usage as { localPosts: number; users: { total: number } };
    const visibleNow = await db.update.count({ where: { hiddenAt: null, topic: { status: { in: ["published", "archived"] } } } });
    expect(usage.localPosts).toBe(visibleNow);
  });

  it("a suspended or archived group's outbox shows nothing of its (still live) members", async () => {
    const member = await cause();
    const shown = await publish(member.id, "Member news");
    for (const status of ["archived", "suspended"] as const) {
      const g = await group(status);
      await db.groupMembership.create({ data: { groupId: g.id, topicId: member.id } });
      const response = await get(`/ap/actors/g.${g.slug}/outbox?cursor=`);
      if (status === "suspended") expect(response.status).toBe(404);
      else expect(await response.text()).not.toContain(shown.id);
    }
  });
});

describe("attack: content negotiation on page URLs (proxy.ts)", () => {
  it("sends ActivityPub requests for cause, group and update pages to their objects, browsers to the page", async () => {
    const topic = await cause();
    const rewriteOf = async (path: string, accept: string) =>
      (await proxy(new NextRequest(new URL(path, env.APP_URL), { headers: { accept } }))).headers.get("x-middleware-rewrite");
    expect(await rewriteOf(`/c/${topic.slug}`, AP)).toBe(`${env.APP_URL}/ap/actors/${topic.slug}`);
    expect(await rewriteOf(`/c/${topic.slug}`, `text/html,${AP}`)).toBeNull();
    expect(await rewriteOf(`/c/${topic.slug}`, "text/html,application/xhtml+xml,*/*;q=0.8")).toBeNull();
    expect(await rewriteOf(`/c/..%2Fap%2Finbox`, AP)).toBeNull();
    expect(activityPathOfPage(`/g/${topic.slug}`)).toBe(`/ap/actors/g.${topic.slug}`);
    for (const odd of ["/c/", "/c/a/b", "/c/UPPER", "/c/a%2Fb", "/g/g.x", "/g/", "/c/x/u/", "/c/x/u/a-b", "/ap/actors/x", "/c/g.x", "/c/g.x/u/abc", `/c/x/u/${"a".repeat(41)}`]) expect(activityPathOfPage(odd), odd).toBeNull();
    expect(wantsActivityJson('application/ld+json; profile="https://www.w3.org/ns/activitystreams"')).toBe(true);
    expect(wantsActivityJson("TEXT/HTML, application/activity+json")).toBe(false);
  });

  const rewriteOf = async (path: string) =>
    (await proxy(new NextRequest(new URL(path, env.APP_URL), { headers: { accept: AP } }))).headers.get("x-middleware-rewrite");

  it("/c/g.<group> (no cause page) does not answer as the group's actor", async () => {
    const g = await group();
    expect((await get(`/ap/actors/g.${g.slug}`)).status).toBe(200);
    expect(await rewriteOf(`/g/${g.slug}`)).toBe(`${env.APP_URL}/ap/actors/g.${g.slug}`);
    expect(await rewriteOf(`/c/g.${g.slug}`)).toBeNull();
    expect(await rewriteOf(`/c/g.${g.slug}/u/whatever`)).toBeNull();
  });

  it("/c/<cause A>/u/<update of cause B> does not answer as B's Article", async () => {
    const a = await cause();
    const b = await cause();
    const update = await publish(b.id, "Of cause B");
    expect(await rewriteOf(`/c/${b.slug}/u/${update.id}`)).toBe(`${env.APP_URL}/ap/c/${b.slug}/u/${update.id}`);
    expect((await get(`/ap/c/${b.slug}/u/${update.id}`)).status).toBe(200);
    const rewrite = await rewriteOf(`/c/${a.slug}/u/${update.id}`);
    expect(rewrite).toBe(`${env.APP_URL}/ap/c/${a.slug}/u/${update.id}`);
    expect((await get(new URL(rewrite!).pathname)).status).toBe(404);
    // Nor under a group's or a made-up name.
    for (const slug of ["g." + a.slug, "nobody-at-all"]) expect((await get(`/ap/c/${slug}/u/${update.id}`)).status, slug).toBe(404);
  });
});
