/**
 * Feeds, the purest pull. A visitor finds "Subscribe by feed" next to Follow, learns what a feed
 * reader is, copies the address, and the browser finds the feeds in the page head; the feed answers
 * 200, then 304 for the same ETag. A signed-in reader makes a private "My feed" address on
 * /subscriptions, a feed reader (a plain HTTP client) reads it, a new address replaces it, and
 * switching it off makes it a 404.
 */
import { expect, test } from "./fixtures";
import { signIn, snap, uniqueEmail } from "./helpers";

const cause = "/c/saubere-spree"; // demo cause seeded by scripts/e2e-server.mjs

test("a visitor subscribes by feed: choice next to Follow, autodiscovery, 200 then 304", async ({ page, context, request, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(cause);

  const choice = page.getByTestId("feed-choice");
  await expect(choice.getByRole("heading", { name: "Or subscribe by feed" })).toBeVisible();
  const feedUrl = `${baseURL}/api/feeds/c/saubere-spree/rss`;
  await expect(choice.getByLabel("Feed address of “Saubere Spree — Müll raus aus dem Fluss”")).toHaveValue(feedUrl);
  for (const format of ["rss", "atom", "json"]) {
    await expect(choice.getByTestId(`feed-link-${format}`)).toHaveAttribute("href", `/api/feeds/c/saubere-spree/${format}`);
  }

  // Keyboard only: tab to Copy, press it; then open the explanation with Enter.
  await choice.getByRole("button", { name: "Copy" }).focus();
  await page.keyboard.press("Enter");
  await expect(choice.getByRole("button", { name: "Copied" })).toBeVisible();
  await expect(choice.getByText("Copied. Paste it into your feed reader.")).toBeAttached(); // announced
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(feedUrl);
  const explanation = choice.getByText(/A feed reader is an app that collects news/);
  await expect(explanation).toBeHidden();
  await choice.getByText("What is a feed reader?").focus();
  await page.keyboard.press("Enter");
  await expect(explanation).toBeVisible();
  await snap(page, "feed-choice");

  // Autodiscovery: feed readers and browser extensions find all three formats in the head.
  const alternates = await page
    .locator('head link[rel="alternate"][type]')
    .evaluateAll((links) => links.map((l) => [l.getAttribute("type"), new URL(l.getAttribute("href")!, location.href).pathname]));
  expect(alternates).toEqual(
    expect.arrayContaining([
      ["application/rss+xml", "/api/feeds/c/saubere-spree/rss"],
      ["application/atom+xml", "/api/feeds/c/saubere-spree/atom"],
      ["application/feed+json", "/api/feeds/c/saubere-spree/json"],
    ]),
  );

  const first = await request.get(feedUrl);
  expect(first.status()).toBe(200);
  expect(first.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
  expect(await first.text()).toContain("Greifzangen gespendet");
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  const again = await request.get(feedUrl, { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  expect(again.headers()["etag"]).toBe(etag);
  expect((await request.get(feedUrl, { headers: { "If-Modified-Since": first.headers()["last-modified"] } })).status()).toBe(304);
});

test("a reader makes a private feed address, reads it, replaces it, and switches it off", async ({ page, request }) => {
  await signIn(page, uniqueEmail("feedreader"), cause);
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follow-button")).toHaveText("Leave");

  await page.goto("/subscriptions");
  const card = page.getByTestId("reader-feed-card");
  await expect(card.getByRole("heading", { name: "Read “My feed” in your feed reader" })).toBeVisible();
  await snap(page, "reader-feed-off");

  await card.getByRole("button", { name: "Create my private address" }).click();
  await expect(card.getByText("Your private address is ready.")).toBeVisible();
  await expect(card.getByText("Copy it now: it is shown only this once.", { exact: false })).toBeVisible();
  await expect(card.getByText(/Anyone who has this address can read your feed/)).toBeVisible();
  const url = await card.getByTestId("reader-feed-url").inputValue();
  expect(url).toMatch(/\/api\/feeds\/me\/[A-Za-z0-9_-]{43}\/rss$/);
  await snap(page, "reader-feed-created");

  // A feed reader: no cookies, just the secret address.
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["cache-control"]).toMatch(/^private/);
  const body = await feed.text();
  expect(body).toContain("Greifzangen gespendet");
  expect((await request.get(url, { headers: { "If-None-Match": feed.headers()["etag"] } })).status()).toBe(304);

  // Shown once: after a reload only the date remains.
  await page.reload();
  await expect(card.getByTestId("reader-feed-url")).toHaveCount(0);
  await expect(card.getByText(/Your private address exists since/)).toBeVisible();
  await snap(page, "reader-feed-active");

  // Replacing asks first (the feed reader loses the old address); Cancel changes nothing.
  await card.getByRole("button", { name: "Make a new address" }).click();
  await expect(card.getByTestId("reader-feed-confirm")).toContainText("A new address ends the current one");
  await expect(card.getByRole("button", { name: "Yes, make a new address" })).toBeFocused();
  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(card.getByTestId("reader-feed-confirm")).toHaveCount(0);
  expect((await request.get(url)).status()).toBe(200);
  await card.getByRole("button", { name: "Make a new address" }).click();
  await card.getByRole("button", { name: "Yes, make a new address" }).click();
  await expect(card.getByText("Here is your new address. The old one no longer works.")).toBeVisible();
  const rotated = await card.getByTestId("reader-feed-url").inputValue();
  expect(rotated).not.toBe(url);
  expect((await request.get(url)).status()).toBe(404);
  expect((await request.get(rotated)).status()).toBe(200);

  await card.getByRole("button", { name: "Switch off the private feed address" }).click();
  await card.getByRole("button", { name: "Yes, switch it off" }).click();
  await expect(card.getByText("Switched off. The address no longer works, and nothing of it is kept.")).toBeVisible();
  await expect(card.getByTestId("reader-feed-url")).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Create my private address" })).toBeVisible();
  expect((await request.get(rotated)).status()).toBe(404);
  expect((await request.get(rotated.replace(/rss$/, "json"))).status()).toBe(404);
});

test.describe("in German", () => {
  test.use({ locale: "de-DE" });

  test("the feed choice speaks German and explains feed readers", async ({ page }) => {
    await page.goto(cause);
    const choice = page.getByTestId("feed-choice");
    await expect(choice.getByRole("heading", { name: "Oder per Feed abonnieren" })).toBeVisible();
    await choice.getByText("Was ist ein Feedreader?").click();
    await expect(choice.getByText(/Ein Feedreader ist eine App/)).toBeVisible();
    await snap(page, "feed-choice-de");
  });
});
