/**
 * A link to a cause or an update, pasted anywhere, previews well: the oEmbed endpoint describes
 * it, the preview images render for any content without touching the network, and the follow
 * card can be embedded (and is the only thing that can be framed).
 */
import { createElement } from "react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { ImageResponse } from "next/og";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import * as causeImage from "@/app/api/og/c/[slug]/route";
import * as updateImage from "@/app/api/og/c/[slug]/u/[updateId]/route";
import * as oembed from "@/app/api/oembed/route";
import * as embed from "@/app/embed/c/[slug]/route";
import nextConfig from "@/next.config";
import { db } from "@/lib/db";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const APP = "http://localhost:3000";

async function causeWith(data: { title?: string; summary?: string; language?: "de" | "en"; status?: "draft" | "published" | "archived" } = {}) {
  const owner = await createUser("owner");
  const cause = await createPublishedCause(owner.id, { title: data.title, language: data.language });
  return db.topic.update({
    where: { id: cause.id },
    data: { summary: data.summary ?? cause.summary, status: data.status ?? "published" },
  });
}

const updateOf = (topicId: string, title = `Update ${stamp()}`, body = "Danke an **alle**!") =>
  db.update.create({ data: { topicId, title, body } });

const get = (path: string, headers: Record<string, string> = {}) => new NextRequest(`${APP}${path}`, { headers });
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

/** Checks the PNG signature and reads width × height from the IHDR chunk. */
async function pngSize(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe("IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

// Every request that would leave the machine is recorded and fails. next/og loads its own WASM
// through data: URLs, which stay local and are let through.
const realFetch = globalThis.fetch;
let network: string[] = [];
beforeEach(() => {
  network = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith("data:")) return realFetch(input, init);
    network.push(url);
    throw new Error(`network access in a test: ${url}`);
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("GET /api/oembed", () => {
  const ask = (query: Record<string, string>, headers: Record<string, string> = {}) =>
    oembed.GET(get(`/api/oembed?${new URLSearchParams(query)}`, headers));

  it("describes a cause: rich type, the follow card in an iframe, the preview image as thumbnail", async () => {
    const cause = await causeWith({ title: "Bäume für die Südstadt" });
    const response = await ask({ url: `${APP}/c/${cause.slug}?ref=abc`, format: "json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = await response.json();
    expect(body).toMatchObject({
      version: "1.0",
      type: "rich",
      title: "Bäume für die Südstadt",
      provider_name: "Herzensthema",
      provider_url: `${APP}/`,
      width: 480,
      height: 400,
      thumbnail_url: `${APP}/api/og/c/${cause.slug}`,
      thumbnail_width: 1200,
      thumbnail_height: 630,
      cache_age: 3600,
    });
    expect(body.html).toMatch(new RegExp(`^<iframe src="${APP}/embed/c/${cause.slug}" width="480" height="400" title="„Bäume für die Südstadt“ auf Herzensthema"`));
  });

  it("describes an update with its own title and picture", async () => {
    const cause = await causeWith({ language: "en" });
    const update = await updateOf(cause.id, "42 kg out of the river");
    const body = await (await ask({ url: `${APP}/c/${cause.slug}/u/${update.id}` })).json();
    expect(body).toMatchObject({ type: "rich", title: "42 kg out of the river", thumbnail_url: `${APP}/api/og/c/${cause.slug}/u/${update.id}` });
    expect(body.html).toContain(`/embed/c/${cause.slug}"`);
  });

  it("honours maxwidth and maxheight", async () => {
    const cause = await causeWith();
    const body = await (await ask({ url: `${APP}/c/${cause.slug}`, maxwidth: "360", maxheight: "320" })).json();
    expect(body).toMatchObject({ width: 360, height: 320 });
    expect(body.html).toContain('width="360" height="320"');
    expect(body.thumbnail_url).toBeUndefined();
  });

  it("answers archived causes like their page does", async () => {
    const cause = await causeWith({ status: "archived" });
    expect((await ask({ url: `${APP}/c/${cause.slug}` })).status).toBe(200);
  });

  it("says clearly what is wrong with a request, in the asker's language", async () => {
    const cause = await causeWith();
    const cases: [Record<string, string>, number, RegExp][] = [
      [{}, 400, /address of a cause/],
      [{ url: "" }, 400, /address of a cause/],
      [{ url: "no url" }, 400, /not a complete web address/],
      [{ url: "javascript:alert(1)" }, 400, /not a complete web address/],
      [{ url: `${APP}/c/${cause.slug}`, maxwidth: "wide" }, 400, /whole numbers/],
      [{ url: `${APP}/c/${cause.slug}`, maxheight: "0" }, 400, /whole numbers/],
      [{ url: `${APP}/c/${cause.slug}`, format: "yaml" }, 400, /json or xml/],
      [{ url: `${APP}/c/${cause.slug}`, format: "xml" }, 501, /Only JSON/],
      [{ url: `https://elsewhere.example/c/${cause.slug}` }, 404, /Only addresses on localhost:3000/],
      [{ url: `${APP}/c/no-such-cause-${stamp()}` }, 404, /no public cause/],
      [{ url: `${APP}/c/${cause.slug}/u/nosuchupdate` }, 404, /no public cause/],
      [{ url: `${APP}/explore` }, 404, /no public cause/],
    ];
    for (const [query, status, message] of cases) {
      const response = await ask(query, { "accept-language": "en" });
      expect(response.status, JSON.stringify(query)).toBe(status);
      const body = await response.json();
      expect(body.error, JSON.stringify(query)).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|prisma/i);
    }
    const german = await (await ask({}, { "accept-language": "de-DE" })).json();
    expect(german.error).toMatch(/Bitte gib die Adresse/);
  });

  it("does not reveal drafts, nor updates of drafts, nor updates under another cause", async () => {
    const draft = await causeWith({ status: "draft" });
    const draftUpdate = await updateOf(draft.id);
    const other = await causeWith();
    for (const url of [`${APP}/c/${draft.slug}`, `${APP}/c/${draft.slug}/u/${draftUpdate.id}`, `${APP}/c/${other.slug}/u/${draftUpdate.id}`]) {
      expect((await ask({ url })).status, url).toBe(404);
    }
  });
});

describe("preview images", () => {
  const image = (slug: string, headers: Record<string, string> = {}) => causeImage.GET(get(`/api/og/c/${slug}`, headers), params({ slug }));

  it("are 1200×630 PNGs with an ETag from their content and a 304 when it matches", async () => {
    const cause = await causeWith({ title: "Saubere Spree — Müll raus", summary: "Jeden ersten Samstag am Ufer." });
    const response = await image(cause.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    expect(await pngSize(response)).toEqual({ width: 1200, height: 630 });

    const again = await image(cause.slug, { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);

    await db.topic.update({ where: { id: cause.id }, data: { title: "Saubere Spree — neuer Titel" } });
    const changed = await image(cause.slug, { "if-none-match": etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(network).toEqual([]);
  });

  it("render odd content without error and without any network access", async () => {
    const odd = [
      { title: "Bäume 🌳🌳 für die Südstadt ❤️ 👩‍👩‍👧 🇩🇪", summary: "Wir pflanzen 🌱 und gießen 💧" },
      { title: "🌳🌳🌳", summary: "" },
      { title: "שלום עולם — ניקיון הירקון", summary: "مرحبا بالعالم، نحن ننظف النهر" },
      { title: "تنظيف النهر معًا 2026", summary: "" },
      { title: "日本語のタイトル 中文 한국어 ελληνικά", summary: "Ѳ ∑ ∞ \u0007 \u202e reversed" },
      { title: "Sehr langer Titel ".repeat(40), summary: "Zusammenfassung ".repeat(80) },
      { title: "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellerinnung".repeat(3), summary: "" },
      { title: "<script>alert(1)</script> & \"quotes\"", summary: "" },
    ];
    for (const content of odd) {
      const cause = await causeWith(content);
      const response = await image(cause.slug);
      expect(response.status, content.title).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("etag"), content.title).toBeTruthy();
      expect(await pngSize(response)).toEqual({ width: 1200, height: 630 });
    }
    const update = await updateOf((await causeWith({ title: "🌍 Welt" })).id, "✨ Neu: שלום 🎉", "");
    const cause = await db.topic.findUniqueOrThrow({ where: { id: update.topicId } });
    const response = await updateImage.GET(get(`/api/og/c/${cause.slug}/u/${update.id}`), params({ slug: cause.slug, updateId: update.id }));
    expect(response.status).toBe(200);
    expect(await pngSize(response)).toEqual({ width: 1200, height: 630 });
    expect(network).toEqual([]);
  });

  it("would have gone to the network without that care (the guard above really catches it)", async () => {
    // next/og's default for an emoji is to download it from a CDN; our fetch stub records that.
    const response = new ImageResponse(createElement("div", { style: { display: "flex" } }, "🌳"), { width: 100, height: 100 });
    await expect(response.arrayBuffer()).rejects.toThrow();
    expect(network.some((url) => url.startsWith("https://"))).toBe(true);
  });

  it("exist for updates, and are 404 for unknown causes, drafts and foreign updates", async () => {
    const cause = await causeWith({ language: "en" });
    const update = await updateOf(cause.id, "Event in March");
    const ok = await updateImage.GET(get(`/api/og/c/${cause.slug}/u/${update.id}`), params({ slug: cause.slug, updateId: update.id }));
    expect(ok.status).toBe(200);
    expect(await pngSize(ok)).toEqual({ width: 1200, height: 630 });

    const draft = await causeWith({ status: "draft" });
    const draftUpdate = await updateOf(draft.id);
    expect((await image(draft.slug)).status).toBe(404);
    expect((await image(`no-such-${stamp()}`)).status).toBe(404);
    expect((await image("<script>")).status).toBe(404);
    for (const [slug, updateId] of [[draft.slug, draftUpdate.id], [cause.slug, draftUpdate.id], [cause.slug, "x".repeat(500)]]) {
      const response = await updateImage.GET(get(`/api/og/c/${slug}/u/${updateId}`), params({ slug, updateId }));
      expect(response.status).toBe(404);
    }
  });
});

describe("the embeddable follow card", () => {
  const card = (slug: string, headers: Record<string, string> = {}) => embed.GET(get(`/embed/c/${slug}`, headers), params({ slug }));

  it("is a small HTML page in the cause's language with the honest follower count", async () => {
    const cause = await causeWith({ title: "Repair Café", summary: "We fix things together.", language: "en" });
    const reader = await createUser();
    await db.subscription.create({ data: { userId: reader.id, topicId: cause.id } });
    const response = await card(cause.slug, { "accept-language": "de" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("1 person follows");
    expect(html).toContain(`href="${APP}/c/${cause.slug}" target="_blank" rel="noopener">Follow on Herzensthema`);
    expect(html).toContain("Nothing is pushed");
    expect(html).not.toMatch(/<script/i);
  });

  it("escapes a title that tries to inject a script", async () => {
    const cause = await causeWith({ title: "</h1><script>alert('x')</script>", summary: "<img src=x onerror=alert(1)>" });
    const html = await (await card(cause.slug)).text();
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&#60;/h1&#62;&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;");
  });

  it("is a 404 page for unknown causes and drafts", async () => {
    const draft = await causeWith({ status: "draft" });
    for (const slug of [draft.slug, `no-such-${stamp()}`]) {
      const response = await card(slug, { "accept-language": "en" });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("This cause is not available.");
    }
  });

  it("is the only route that may be framed (next.config.ts headers; pages add frame-ancestors in their CSP, proxy.ts)", async () => {
    const rules = await nextConfig.headers!();
    const headersFor = (path: string) =>
      Object.fromEntries(rules.filter((rule) => getPathMatch(rule.source, { strict: true })(path)).flatMap((rule) => rule.headers.map((h) => [h.key, h.value])));
    for (const path of ["/", "/c/saubere-spree", "/api/oembed", "/dashboard", "/embedded", "/c/embed/x"]) {
      expect(headersFor(path)["X-Frame-Options"], path).toBe("DENY");
      expect(headersFor(path)["X-Content-Type-Options"], path).toBe("nosniff");
    }
    expect(headersFor("/api/oembed")["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    const embedHeaders = headersFor("/embed/c/saubere-spree");
    expect(embedHeaders["X-Frame-Options"]).toBeUndefined();
    expect(embedHeaders["Content-Security-Policy"]).toMatch(/frame-ancestors \*$/);
    expect(embedHeaders["Content-Security-Policy"]).toContain("default-src 'none'");
  });
});
