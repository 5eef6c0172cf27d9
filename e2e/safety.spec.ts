/**
 * Safe in public: every page carries a nonce-based CSP and the security headers (and still
 * hydrates, follows and leaves under it), machine endpoints send nosniff, token pages send no
 * Referer, the dev outbox answers only requests whose socket really comes from this machine, and
 * single-line fields refuse bidi overrides without echoing oversize input.
 */
import net from "node:net";
import os from "node:os";
import { expect, test } from "./fixtures";
import { signIn, signInByMail, snap, uniqueEmail } from "./helpers";

const CAUSE = "/c/saubere-spree";

test("pages carry a fresh CSP nonce and the security headers; endpoints send nosniff; token pages no Referer", async ({ request, baseURL }) => {
  const first = await request.get(CAUSE);
  const second = await request.get(CAUSE);
  const csp = first.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(/'nonce-([^']+)'/.exec(second.headers()["content-security-policy"])![1]).not.toBe(nonce);
  // Next.js puts the nonce on its own scripts; no script runs without it.
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !tag.includes('type="application/ld+json"'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["permissions-policy"]).toContain("camera=()");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(first.headers()["strict-transport-security"]).toBeUndefined(); // APP_URL is http here

  for (const path of ["/api/health", `/api/oembed?url=${encodeURIComponent(`${baseURL}/c/saubere-spree`)}`, "/api/feeds/c/saubere-spree/rss", "/api/feeds/c/nope/rss", "/explore"]) {
    expect((await request.get(path)).headers()["x-content-type-options"], path).toBe("nosniff");
  }
  for (const path of ["/leave/not-a-real-token", "/email/preferences/not-a-real-token", "/signin/confirm?token=abc&email=a%40b.org"]) {
    expect((await request.get(path)).headers()["referrer-policy"], path).toBe("no-referrer");
  }
});

test("a page under that CSP hydrates: follow and leave work without a single CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, uniqueEmail("csp"), CAUSE);
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follow-button")).toHaveText("Leave");
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follow-button")).toHaveText("Follow");
  await page.goto("/feed");
  await page.goto("/dashboard");
  expect(violations).toEqual([]);
});

test("the dev outbox answers only this machine's own socket, never a forwarded or forged request", async ({ request, baseURL }) => {
  expect((await request.get("/dev/outbox")).status()).toBe(200);
  // What arrives through a proxy (nginx on the same host) or forges the app server's own header.
  const forged: Record<string, string>[] = [
    { "x-forwarded-for": "203.0.113.9" },
    { forwarded: "for=203.0.113.9" },
    { "x-real-ip": "203.0.113.9" },
    { "x-herzensthema-loopback": "anything", "x-forwarded-for": "203.0.113.9" },
    { host: "herzensthema.example.org", "x-forwarded-for": "203.0.113.9" },
    { host: "rebinding.example:3100" }, // a DNS-rebinding page in this machine's browser
  ];
  for (const headers of forged) expect((await request.get("/dev/outbox", { headers })).status(), JSON.stringify(headers)).toBe(404);
  // With the outbox on, the server listens on loopback only: another address of this machine refuses.
  const port = Number(new URL(baseURL!).port);
  const external = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal);
  test.skip(!external, "this machine has no non-loopback address to try");
  const connected = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: external!.address, port, timeout: 2000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
  expect(connected, `${external!.address}:${port}`).toBe(false);
});

test("a path that does not decode is the client's mistake (400), never a 500; a gone page hides its rewrite", async ({ request }) => {
  for (const path of ["/c/%E0", "/leave/%E0", "/api/feeds/c/%E0/rss", "/g/%"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  expect((await request.get("/gone/update/cnothinghiddenhere1")).status()).toBe(404); // no false notices
});

test("a sign-in link signs in only through the confirm page's own POST, never by a planted link", async ({ request }) => {
  const planted = await request.get("/api/auth/callback/email?token=abc123&email=a%40b.org&callbackUrl=%2Ffeed", { maxRedirects: 0 });
  expect(planted.status()).toBe(303);
  expect(planted.headers()["location"]).toMatch(/\/signin\/confirm\?token=abc123&email=a%40b\.org/);
  const crossSite = await request.post("/api/auth/callback/email", {
    form: { token: "abc123", email: "a@b.org", callbackUrl: "/feed" },
    headers: { origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
});

test("a title with a bidi override is refused in words; a megabyte title is not echoed back", async ({ page }) => {
  await signIn(page, uniqueEmail("hygiene"), "/dashboard/new");
  await page.getByLabel("Title").fill("Rechnung \u202Efdp.exe");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText(/invisible characters that flip the direction of text/)).toBeVisible();
  await snap(page, "title-bidi-refused");

  // Every answer to a form post, measured as it passes through (the browser does not keep the
  // body of a streamed answer).
  const sizes: number[] = [];
  await page.route("**/dashboard/new", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    sizes.push((await response.body()).length);
    await route.fulfill({ response });
  });
  await page.getByLabel("Title").evaluate((input: HTMLInputElement) => {
    input.removeAttribute("maxlength");
    input.value = "x".repeat(1_000_000);
  });
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("A title may have at most 120 characters.")).toBeVisible();
  expect(sizes.length).toBeGreaterThan(0);
  expect(Math.max(...sizes)).toBeLessThan(100_000);
  await expect(page.getByLabel("Title")).not.toHaveValue(/x{1000}/);
});

test("a Follow pressed before signing in can only come from this site's own form, and follows only that cause, once", async ({ browser, request, baseURL }) => {
  // Another site's form: refused, nothing remembered.
  const forged = await request.post("/api/follow-intent", {
    form: { topicId: "anything", source: "/c/saubere-spree" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(forged.headers()["set-cookie"]).toBeUndefined();

  // A signed-in person who never pressed Follow: visiting with a crafted address changes nothing.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInByMail(page, uniqueEmail("intent"), "/c/saubere-spree?ref=x&counted=1");
  await expect(page.getByTestId("follow-button")).toHaveText("Follow");
  await expect(page.getByTestId("follow-completed")).toHaveCount(0);
  // A remembered choice for one cause does not follow another.
  await context.addCookies([{ name: "herzensthema-follow-intent", value: "some-other-cause-id", url: baseURL! }]);
  await page.goto("/c/saubere-spree?follow=1");
  await expect(page.getByTestId("follow-button")).toHaveText("Follow");
  await expect(page.getByTestId("follow-completed")).toHaveCount(0);
  // A choice left behind in a shared browser is not completed for whoever merely opens the page.
  const topicId = await page.locator('input[name="topicId"]').first().inputValue();
  await context.addCookies([{ name: "herzensthema-follow-intent", value: topicId, url: baseURL! }]);
  await page.goto("/c/saubere-spree");
  await page.waitForTimeout(500);
  await expect(page.getByTestId("follow-button")).toHaveText("Follow");

  await context.close();
});
