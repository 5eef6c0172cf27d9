/**
 * Story (b): a second person explores, follows with one click (no reload), reads the update in
 * Mein Feed with the reason it is there, leaves with one click, and the count goes back.
 * Plus: leaving by signed link without signing in (GET shows a button, POST leaves), and
 * following without JavaScript.
 */
import { expect, test } from "./fixtures";
import type { Browser } from "@playwright/test";
import { publishCauseWithUpdate, signIn, signInByMail, snap, uniqueEmail } from "./helpers";

async function publishedCause(browser: Browser, title: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, uniqueEmail("publisher"), "/dashboard");
  const path = await publishCauseWithUpdate(page, title, `Update of ${title}`);
  await context.close();
  return path;
}

test("a reader follows, reads in Mein Feed with the reason, and leaves with one click", async ({ browser, page }) => {
  test.setTimeout(120_000); // a long story: follow, read, mark, undo, leave, in two languages
  const title = `Repair Bench ${Date.now()}`;
  const causePath = await publishedCause(browser, title);

  await signInByMail(page, uniqueEmail("reader"), "/explore"); // the whole way: the mail, its link, the confirm page
  await page.getByLabel("Search causes").fill(title);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("1 cause found")).toBeVisible();
  await snap(page, "explore-search");
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${causePath}$`));

  await expect(page.getByTestId("follower-count")).toHaveText("No followers yet");
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follower-count")).toHaveText("1 follower");
  await expect(page.getByTestId("follow-button")).toHaveText("Leave");
  await expect(page.getByText(/You follow this cause since/)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  await snap(page, "cause-following");

  await page.goto("/feed");
  const item = page.getByTestId("feed-item").filter({ hasText: `Update of ${title}` });
  await expect(item).toBeVisible();
  await expect(item.getByTestId("feed-why")).toContainText(`You see this because you follow “${title}” since`);
  await expect(item).toHaveAttribute("data-unread", "true");
  await snap(page, "feed");
  await expect(page.getByRole("button", { name: "Mark all as read" })).toBeVisible();
  await item.getByRole("button", { name: "Mark as read" }).click();
  await expect(item).toHaveAttribute("data-unread", "false");
  // Everything on the page is read: nothing left to mark all as read; one item can be unread again.
  await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  await item.getByRole("button", { name: "Mark unread" }).click();
  await expect(item).toHaveAttribute("data-unread", "true");
  // "Mark all as read" outweighs it; then marking one unread outweighs that.
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(item).toHaveAttribute("data-unread", "false");
  await item.getByRole("button", { name: "Mark unread" }).click();
  await expect(item).toHaveAttribute("data-unread", "true");
  // Opening the update from Mein Feed is reading it.
  await item.getByRole("link", { name: `Update of ${title}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Update of ${title}` })).toBeVisible();
  await page.goto("/feed");
  await expect(item).toHaveAttribute("data-unread", "false");

  await page.goto("/subscriptions");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await snap(page, "subscriptions");

  await page.goto("/feed");
  await item.getByRole("button", { name: `Leave ${title}` }).click();
  // The items vanish; the top of the page says why and offers to take it back.
  await expect(page.getByTestId("left-notice")).toContainText(`You no longer follow “${title}”.`);
  await expect(page.getByRole("heading", { name: "Your feed is empty — on purpose" })).toBeVisible();
  await snap(page, "feed-left-undo");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId("left-notice")).toContainText(`Du folgst „${title}“ nicht mehr.`);
  await snap(page, "feed-left-undo-de");
  await page.context().clearCookies({ name: "NEXT_LOCALE" });
  await page.reload();
  await page.getByRole("button", { name: `Undo: follow “${title}” again` }).click();
  await expect(page.getByTestId("back-notice")).toHaveText(`You follow “${title}” again.`);
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: `Leave ${title}` }).click();
  await expect(page.getByTestId("left-notice")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your feed is empty — on purpose" })).toBeVisible();

  await page.goto(causePath);
  await expect(page.getByTestId("follower-count")).toHaveText("No followers yet");
  await expect(page.getByTestId("follow-button")).toHaveText("Follow");
});

test("a leave link works without signing in: GET only asks, the button's POST leaves", async ({ browser, page }) => {
  const title = `Night Bus ${Date.now()}`;
  const causePath = await publishedCause(browser, title);
  await signIn(page, uniqueEmail("reader"), causePath);
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follower-count")).toHaveText("1 follower");
  await page.goto("/subscriptions");
  const leaveHref = await page.getByTestId("leave-link").first().getAttribute("href");
  expect(leaveHref).toMatch(/^\/leave\/[a-z0-9]+\.[A-Za-z0-9_-]{32}$/);

  const anonymous = await browser.newContext();
  const stranger = await anonymous.newPage();
  await stranger.goto(leaveHref!);
  await expect(stranger.getByRole("heading", { name: `Leave “${title}”?` })).toBeVisible();
  await snap(stranger, "leave-confirm");
  // Opening the link (what a mail scanner does) changed nothing.
  await page.goto(causePath);
  await expect(page.getByTestId("follower-count")).toHaveText("1 follower");
  expect((await stranger.request.get("/api/leave")).status()).toBe(405);

  await stranger.getByTestId("leave-confirm").click();
  await expect(stranger.getByRole("heading", { name: `You have left “${title}”` })).toBeVisible();
  await snap(stranger, "leave-done");
  await page.reload();
  await expect(page.getByTestId("follower-count")).toHaveText("No followers yet");

  // Idempotent: the same link again says it is already done.
  await stranger.goto(leaveHref!);
  await expect(stranger.getByRole("heading", { name: `You no longer follow “${title}”` })).toBeVisible();
  await stranger.goto("/leave/forged.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(stranger.getByRole("heading", { name: "This leave link is not valid" })).toBeVisible();
  await anonymous.close();
});

test("following works without JavaScript as a plain form post", async ({ browser, page }) => {
  const title = `Library Hours ${Date.now()}`;
  const causePath = await publishedCause(browser, title);
  await signIn(page, uniqueEmail("reader"), causePath);
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noJs.newPage();
  await plain.goto(causePath);
  await plain.getByTestId("follow-button").click();
  await expect(plain.getByTestId("follower-count")).toHaveText("1 follower");
  await plain.getByTestId("follow-button").click();
  await expect(plain.getByTestId("follower-count")).toHaveText("No followers yet");
  await noJs.close();
});
