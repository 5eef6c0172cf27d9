/**
 * Share kit: the publisher names a place and gets a ref link; someone opens it in a fresh
 * browser, signs in and follows; the dashboard shows 1 visit and 1 follow for that ref — counted
 * in aggregate, without cookies or IPs.
 */
import { expect, test } from "./fixtures";
import { publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

test("a ref link counts one visit and one follow for its place", async ({ browser, page }) => {
  test.setTimeout(120_000); // two people sign in through the outbox
  await signIn(page, uniqueEmail("publisher"), "/dashboard");
  const title = `Bike Lanes ${Date.now()}`;
  await publishCauseWithUpdate(page, title, "Ride on Sunday");
  await page.getByRole("link", { name: "Open share kit" }).click();
  await expect(page).toHaveURL(/\/dashboard\/causes\/[a-z0-9]+\/share$/);
  const shareKit = page.url();
  await expect(page.getByRole("heading", { name: "No links yet" })).toBeVisible();
  await snap(page, "share-kit-empty");

  await page.getByRole("button", { name: "Create link for this place" }).click();
  await expect(page.getByText("Please name the place (at least 2 characters).")).toBeVisible();
  await page.getByLabel("Where will you share this?").fill("Mastodon thread on housing");
  await page.getByRole("button", { name: "Create link for this place" }).click();
  await expect(page.getByText("Link for “Mastodon thread on housing” created.")).toBeVisible();

  const card = page.getByTestId("ref-card").first();
  const url = await card.getByTestId("ref-url").inputValue();
  expect(url).toMatch(/\/c\/bike-lanes-\d+\?ref=mastodon-thread-on-[a-z0-9]{3}$/);
  await expect(card.getByTestId("ref-counts")).toContainText("0 visits · 0 follows");
  await expect(card.getByRole("link", { name: "Mastodon" })).toHaveAttribute("href", /^https:\/\/mastodon\.social\/share\?text=/);
  await card.getByLabel("Your Mastodon instance").fill("chaos.social");
  await expect(card.getByRole("link", { name: "Mastodon" })).toHaveAttribute("href", /^https:\/\/chaos\.social\/share\?text=/);
  await card.getByText("QR code for posters and flyers").click();
  await expect(card.getByRole("img", { name: /QR code/ })).toBeVisible();
  expect((await page.request.get(await card.getByRole("link", { name: "PNG" }).getAttribute("href") ?? "")).headers()["content-type"]).toBe("image/png");
  await snap(page, "share-kit");

  // A stranger opens the link in a fresh browser, signs in, and follows.
  const fresh = await browser.newContext();
  const visitor = await fresh.newPage();
  await visitor.goto(url);
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await visitor.getByTestId("follow-button").click();
  await expect(visitor).toHaveURL(/\/signin\?callbackUrl=/);
  const email = uniqueEmail("visitor");
  await visitor.getByLabel("Email address").fill(email);
  await visitor.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(visitor).toHaveURL(/check-email/);
  await visitor.goto("/dev/outbox");
  await visitor.locator(`[data-to="${email}"]`).getByTestId("outbox-link").first().click();
  await visitor.getByTestId("confirm-sign-in").click();
  await expect(visitor).toHaveURL(/\/c\/bike-lanes-\d+\?ref=.+&counted=1&follow=1$/);
  // The Follow pressed before signing in is done: no second click.
  await expect(visitor.getByTestId("follow-completed")).toContainText(`you now follow “${title}”`);
  await expect(visitor.getByTestId("follower-count")).toHaveText("1 follower");
  await expect(visitor.getByTestId("follow-button")).toHaveText("Leave");
  // Once: a reload does not follow again or say so again.
  await visitor.reload();
  await expect(visitor.getByTestId("follow-completed")).toHaveCount(0);
  await expect(visitor.getByTestId("follower-count")).toHaveText("1 follower");
  await fresh.close();

  await page.reload();
  await expect(page.getByTestId("ref-card").first().getByTestId("ref-counts")).toContainText("1 visit · 1 follow");

  // An unknown ref is just the plain page.
  const plain = await page.goto(url.replace(/ref=.*$/, "ref=no-such-ref"));
  expect(plain?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.goto(shareKit);

  await page.getByTestId("ref-card").first().getByRole("button", { name: /Archive the link/ }).click();
  await expect(page.getByTestId("ref-card").first().getByText("Archived", { exact: true })).toBeVisible();
});
