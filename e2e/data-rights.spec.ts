/**
 * Data rights: a person downloads everything the app holds about them (the JSON contains their
 * cause and their follows), deletes their account in one confirmed step, signs in again with the
 * same address as somebody new and finds nothing of the old account. An email-only follower
 * downloads what is held about their address and has it forgotten.
 */
import fs from "node:fs";
import { expect, test } from "./fixtures";
import { publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

test("export my data, delete my account, come back as somebody new", async ({ page }) => {
  test.setTimeout(150_000);
  const address = uniqueEmail("leaving");
  await signIn(page, address, "/dashboard");
  const title = `Quiet Streets ${Date.now()}`;
  const causePath = await publishCauseWithUpdate(page, title, "First meeting");
  await page.goto("/c/saubere-spree");
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follow-button")).toHaveText("Leave");

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("link", { name: "My data" }).click();
  await expect(page.getByRole("heading", { name: "My data" })).toBeVisible();
  await expect(page.getByRole("main").getByText(address)).toBeVisible();
  await snap(page, "my-data");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("account-export").click()]);
  const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
  expect(data.account.email).toBe(address);
  expect(data.causes.map((c: { title: string }) => c.title)).toEqual([title]);
  expect(data.causes[0].updates[0].title).toBe("First meeting");
  expect(data.follows.map((f: { follows: { slug: string } }) => f.follows.slug)).toContain("saubere-spree");
  expect(JSON.stringify(data)).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/); // no IP anywhere

  const confirm = page.getByTestId("delete-account");
  await confirm.getByLabel("To confirm, type DELETE").fill("yes");
  await confirm.getByRole("button", { name: "Delete my account" }).click();
  await expect(confirm.getByText("Please type DELETE to confirm. Nothing was deleted.")).toBeVisible();
  await confirm.getByLabel("To confirm, type DELETE").fill("DELETE");
  await confirm.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account\/deleted$/);
  await expect(page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible(); // signed out
  await snap(page, "account-deleted");
  expect((await page.goto(causePath))!.status()).toBe(404); // nobody followed it: gone entirely

  await signIn(page, address, "/dashboard");
  await expect(page.getByRole("heading", { name: "You have not started a cause yet" })).toBeVisible();
  await page.goto("/subscriptions");
  await expect(page.getByRole("link", { name: /Saubere Spree/ })).toHaveCount(0);
  await page.goto("/account");
  const [again] = await Promise.all([page.waitForEvent("download"), page.getByTestId("account-export").click()]);
  const fresh = JSON.parse(fs.readFileSync((await again.path())!, "utf8"));
  expect(fresh.causes).toEqual([]);
  expect(fresh.follows).toEqual([]);
  expect(fresh.account.id).not.toBe(data.account.id);
});

test("an email-only follower downloads what is held about the address and has it forgotten", async ({ page }) => {
  const address = uniqueEmail("forget");
  await page.goto("/c/saubere-spree");
  await page.getByText("Follow by email instead — no account needed").click();
  await page.getByTestId("email-follow").getByLabel("Email address").fill(address);
  await page.getByTestId("email-follow").getByRole("button", { name: "Send confirmation mail" }).click();
  await expect(page.getByTestId("email-follow").getByRole("status")).toContainText("Check your inbox.");
  await page.goto("/dev/outbox");
  await page.locator(`[data-testid="outbox-mail"][data-to="${address}"]`).getByTestId("outbox-link").first().click();
  await page.getByTestId("confirm-email").click();
  await expect(page).toHaveURL(/\/email\/preferences\//);
  const settings = page.url();

  const section = page.getByTestId("address-data");
  await expect(section).toContainText(address);
  const [download] = await Promise.all([page.waitForEvent("download"), section.getByTestId("address-export").click()]);
  const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
  expect(data.address).toBe(address);
  expect(data.follows[0].consentLedger.map((e: { action: string }) => e.action)).toEqual(["request", "confirm"]);
  await snap(page, "address-data");

  await section.getByLabel("To confirm, type DELETE").fill("delete");
  await section.getByRole("button", { name: "Forget this address" }).click();
  await expect(page).toHaveURL(/\/email\/forgotten$/);
  await expect(page.getByRole("heading", { name: "This address is forgotten" })).toBeVisible();
  await page.goto(settings);
  await expect(page.getByTestId("preferences-invalid")).toBeVisible(); // the old link leads nowhere now
});
