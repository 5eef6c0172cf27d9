/**
 * Story: a publisher pastes the link of a cause or an update into a discussion, or puts the follow
 * card on their own website. The link unfurls with a title, text and a generated picture
 * (Open Graph, Twitter card, oEmbed, JSON-LD), the card works inside another site's iframe, and
 * every other page refuses to be framed.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";
import type { APIRequestContext, Page } from "@playwright/test";
import { publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

const dir = "e2e/.artifacts/screenshots";
const DEMO_TITLE = "Saubere Spree — Müll raus aus dem Fluss";

const meta = (page: Page, key: string) => page.locator(`head meta[property="${key}"], head meta[name="${key}"]`).first().getAttribute("content");

/** Fetches a preview image, checks it is a 1200×630 PNG and keeps it for a human to look at. */
async function savePreview(request: APIRequestContext, url: string, name: string) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["etag"]).toBeTruthy();
  const png = await response.body();
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${dir}/${name}.png`, png);
  return response;
}

async function jsonLd(page: Page) {
  const text = await page.locator('script[type="application/ld+json"]').first().textContent();
  return JSON.parse(text ?? "null");
}

test("the demo cause page's head makes a rich preview wherever the link is pasted", async ({ page, request, baseURL }) => {
  await page.goto("/c/saubere-spree");
  const pageUrl = `${baseURL}/c/saubere-spree`;
  expect(await meta(page, "og:title")).toBe(DEMO_TITLE);
  expect(await meta(page, "og:url")).toBe(pageUrl);
  expect(await meta(page, "og:type")).toBe("website");
  expect(await meta(page, "og:locale")).toBe("de_DE");
  expect(await meta(page, "og:description")).toMatch(/^Jeden ersten Samstag/);
  const image = await meta(page, "og:image");
  expect(image).toBe(`${baseURL}/api/og/c/saubere-spree`);
  expect(await meta(page, "og:image:width")).toBe("1200");
  expect(await meta(page, "og:image:height")).toBe("630");
  expect(await meta(page, "og:image:alt")).toBe(`Vorschaubild: „${DEMO_TITLE}“ auf Herzensthema`);
  expect(await meta(page, "twitter:card")).toBe("summary_large_image");
  expect(await meta(page, "twitter:image")).toBe(image);

  // Feed autodiscovery stays, oEmbed discovery joins it.
  await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).toHaveCount(1);
  const oembedHref = await page.locator('head link[rel="alternate"][type="application/json+oembed"]').getAttribute("href");
  expect(oembedHref).toBe(`${baseURL}/api/oembed?url=${encodeURIComponent(pageUrl)}&format=json`);

  const ld = await jsonLd(page);
  expect(ld).toMatchObject({ "@context": "https://schema.org", "@type": "WebPage", name: DEMO_TITLE, inLanguage: "de", url: pageUrl });

  await savePreview(request, image!, "preview-image-cause");

  const oembed = await request.get(oembedHref!);
  expect(oembed.status()).toBe(200);
  const body = await oembed.json();
  expect(body).toMatchObject({ version: "1.0", type: "rich", title: DEMO_TITLE, provider_name: "Herzensthema", thumbnail_url: image, width: 480, height: 400 });
  expect(body.html).toContain(`src="${baseURL}/embed/c/saubere-spree"`);
  expect((await request.get(`/api/oembed?url=${encodeURIComponent(pageUrl)}&format=xml`)).status()).toBe(501);
  expect((await request.get("/api/oembed")).status()).toBe(400);

  // An update permalink is an article with its own picture.
  const updateLink = page.locator('article a[href*="/u/"]').first();
  const updatePath = await updateLink.getAttribute("href");
  await page.goto(updatePath!);
  expect(await meta(page, "og:type")).toBe("article");
  expect(await meta(page, "og:url")).toBe(`${baseURL}${updatePath}`);
  expect(await meta(page, "article:published_time")).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(await jsonLd(page)).toMatchObject({ "@type": "NewsArticle", isPartOf: { url: pageUrl } });
  await savePreview(request, (await meta(page, "og:image"))!, "preview-image-update");
});

test("preview images stay readable for emoji, right-to-left and very long titles", async ({ page, request }) => {
  await signIn(page, uniqueEmail("odd-previews"), "/dashboard/new");
  const odd = [
    ["emoji", `Bäume 🌳 für die Südstadt ❤️ ${Date.now()}`, "Pflanzaktion 🎉 am Samstag 👩‍👩‍👧"],
    ["rtl", `שלום עולם — ניקיון הירקון ${Date.now()}`, "مرحبا بالعالم: تنظيف النهر معًا"],
    ["long", `Ein sehr langer Titel für ein Herzensthema, das wirklich viel zu sagen hat und nicht aufhört ${Date.now()}`, "Neuigkeit mit einem ebenso langen Titel, damit man sieht, wie das Bild ihn kürzt und umbricht, ohne dass etwas abgeschnitten wird"],
  ] as const;
  for (const [name, title, updateTitle] of odd) {
    const causePath = await publishCauseWithUpdate(page, title, updateTitle);
    await page.goto(causePath);
    await savePreview(request, (await meta(page, "og:image"))!, `preview-image-${name}-cause`);
    await page.getByRole("link", { name: updateTitle }).click();
    await expect(page).toHaveURL(/\/u\/[a-z0-9]+$/);
    await savePreview(request, (await meta(page, "og:image"))!, `preview-image-${name}-update`);
  }
});

// The publisher's own website: an empty page on another port of this machine.
let publisherSite = "";
let publisher: http.Server;
test.beforeAll(async () => {
  publisher = http.createServer((_request, response) => response.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>Verein</title>"));
  await new Promise<void>((resolve) => publisher.listen(0, "127.0.0.1", resolve));
  publisherSite = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}/`;
});
test.afterAll(() => new Promise<void>((resolve) => publisher.close(() => resolve())));

test("the follow card works inside another site's iframe; other pages refuse to be framed", async ({ page, request, baseURL }) => {
  const embed = await request.get("/embed/c/saubere-spree");
  expect(embed.status()).toBe(200);
  expect(embed.headers()["content-security-policy"]).toMatch(/frame-ancestors \*/);
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  for (const path of ["/", "/c/saubere-spree", "/api/oembed"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }

  // What oEmbed hands out, pasted into a publisher's page together with a normal cause page. The
  // page lives on another origin (the publisher's site, here a second local port): a bare
  // about:blank has an opaque origin, which frame-ancestors * does not match, and Chromium keeps
  // public origins away from 127.0.0.1.
  const oembed = await (await request.get(`/api/oembed?url=${encodeURIComponent(`${baseURL}/c/saubere-spree`)}`)).json();
  await page.goto(publisherSite);
  await page.setContent(`<!doctype html><html><body style="margin:24px;font-family:sans-serif;background:#eef2f5">
    <h1>Unser Verein</h1><p>Folgt uns auf Herzensthema:</p>
    ${oembed.html}
    <iframe id="normal-page" src="${baseURL}/c/saubere-spree" width="480" height="200"></iframe>
  </body></html>`);
  const card = page.frameLocator('iframe[src$="/embed/c/saubere-spree"]');
  await expect(card.getByRole("heading", { name: DEMO_TITLE })).toBeVisible();
  await expect(card.getByText(/Noch keine Folgenden|Person(en)? folg/)).toBeVisible();
  await expect(card.getByText("Nichts wird dir geschickt", { exact: false })).toBeVisible();
  await expect(page.frameLocator("#normal-page").getByRole("heading", { name: DEMO_TITLE })).toHaveCount(0);
  await snap(page, "embed-card");

  // Following happens on Herzensthema itself: the button opens the cause page in a new tab.
  const [popup] = await Promise.all([page.waitForEvent("popup"), card.getByRole("link", { name: /Auf Herzensthema folgen/ }).click()]);
  await expect(popup).toHaveURL(`${baseURL}/c/saubere-spree`);
  await popup.close();

  // The card alone at the narrow and wide ends of what publishers use, light and dark.
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [360, 600]) {
      await page.setViewportSize({ width: width + 48, height: 520 });
      await page.goto(publisherSite);
      await page.setContent(`<!doctype html><body style="margin:24px;background:${scheme === "dark" ? "#111" : "#eef2f5"}">
        <iframe src="${baseURL}/embed/c/saubere-spree" width="${width}" height="400" style="border:0"></iframe></body>`);
      await expect(page.frameLocator("iframe").getByRole("link", { name: /Auf Herzensthema folgen/ })).toBeVisible();
      await page.screenshot({ path: `${dir}/embed-card-${width}-${scheme}.png` });
    }
  }
});
