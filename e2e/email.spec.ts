/**
 * Reader-controlled email delivery: a person without an account follows a cause by email, opens
 * the one confirmation mail, confirms with a button, sets a daily digest and quiet hours, reads and
 * downloads their consent ledger, and leaves (optionally saying why). Bad input is refused in
 * place; forged, expired and used links each explain themselves. A signed-in follower switches
 * on "Also by email" with their verified sign-in address.
 */
import fs from "node:fs";
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { signConfirmToken, signPreferencesToken } from "../lib/subscription/rules";
import { signIn, snap, uniqueEmail } from "./helpers";

// The e2e server's secret (scripts/e2e-server.mjs), to make links that are genuine but expired.
const E2E_SECRET = "e2e-test-secret-0123456789abcdef0123456789";
const CAUSE = "/c/saubere-spree";
const longAgo = new Date(Date.now() - 90 * 24 * 60 * 60 * 1000);

async function openMail(page: Page, to: string) {
  await page.goto("/dev/outbox");
  const mail = page.locator(`[data-testid="outbox-mail"][data-to="${to}"]`).first();
  await expect(mail).toBeVisible();
  return mail;
}

test("follow by email without an account: confirm, set a digest and quiet hours, read the ledger, leave", async ({ page, context }) => {
  const address = uniqueEmail("mailreader");
  await page.goto(CAUSE);
  await page.getByText("Follow by email instead — no account needed").click();
  const form = page.getByTestId("email-follow");
  await expect(form.getByText(/We'll send one mail to confirm\. Nothing else until you confirm\./)).toBeVisible();
  await form.getByLabel("Email address").fill("not-an-address");
  await form.getByRole("button", { name: "Send confirmation mail" }).click();
  await expect(form.getByText("Please enter an email address like name@example.org.")).toBeVisible();
  await snap(page, "email-follow-error");
  await form.getByLabel("Email address").fill(address.toUpperCase());
  await form.getByRole("button", { name: "Send confirmation mail" }).click();
  await expect(form.getByRole("status")).toContainText("Check your inbox.");
  await snap(page, "email-follow-sent");

  // Asking again right away gives the same answer and sends no second mail.
  await form.getByLabel("Email address").fill(address);
  await form.getByRole("button", { name: "Send confirmation mail" }).click();
  await expect(form.getByRole("status")).toContainText("Check your inbox.");

  const mail = await openMail(page, address);
  await expect(page.locator(`[data-testid="outbox-mail"][data-to="${address}"]`)).toHaveCount(1);
  await expect(mail.getByRole("heading")).toContainText("Please confirm");
  const confirmUrl = (await mail.getByTestId("outbox-link").first().getAttribute("href"))!;
  await page.goto(confirmUrl);
  await expect(page.getByRole("heading", { name: /by email\?/ })).toBeVisible();
  await expect(page.getByText(address)).toBeVisible();
  await snap(page, "email-confirm-ready");
  await page.getByTestId("confirm-email").click();

  await expect(page).toHaveURL(/\/email\/preferences\/[^/]+\?confirmed=1$/);
  await expect(page.getByTestId("confirmed-notice")).toBeVisible();
  const preferencesUrl = page.url().replace(/\?confirmed=1$/, "");
  const subscriptionId = new URL(preferencesUrl).pathname.split("/").pop()!.split(".")[0];
  const ledger = page.getByTestId("consent-ledger");
  await expect(ledger.getByTestId("ledger-entry")).toHaveCount(2);
  await snap(page, "email-preferences");

  const prefs = page.getByTestId("preferences-form");
  await prefs.getByLabel("Daily digest", { exact: true }).check();
  await prefs.getByLabel("From", { exact: true }).fill("21:00");
  await prefs.getByLabel("To", { exact: true }).fill("06:30");
  await prefs.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved. The change is in your consent ledger below.")).toBeVisible();
  // Each entry reads as a sentence in the page's language; the download stays machine-shaped.
  await expect(ledger.getByTestId("ledger-entry").first().getByTestId("ledger-detail")).toHaveText("Detail: How often: Daily digest. Quiet hours from 21:00 to 06:30.");
  await expect(ledger.getByTestId("ledger-entry").last().getByTestId("ledger-detail")).toHaveText("Detail: A confirmation mail was sent; nothing is mailed until its link is used.");
  await expect(ledger.getByTestId("ledger-entry")).toHaveCount(3);

  // A bad time zone is refused next to the field, and nothing is recorded.
  await prefs.getByLabel("Time zone").fill("Mars/Olympus");
  await prefs.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Unknown time zone. Please use a name like Europe/Berlin.")).toBeVisible();
  await expect(prefs.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");
  await expect(ledger.getByTestId("ledger-entry")).toHaveCount(3);
  await snap(page, "email-preferences-error");

  const [download] = await Promise.all([page.waitForEvent("download"), ledger.getByTestId("ledger-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^herzensthema-consent-.+\.json$/);
  const json = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
  expect(json.subscription).toMatchObject({ address, status: "active", channel: "email", preferences: { cadence: "daily", quietStart: 1260, quietEnd: 390 } });
  expect(json.events.map((e: { action: string }) => e.action)).toEqual(["request", "confirm", "preferences"]);
  expect(json.events[0]).toMatchObject({ source: CAUSE, consentVersion: expect.stringMatching(/^follow-email-/) });

  // The same page in German, for a look at long labels.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "de", url: page.url() }]);
  await page.goto(preferencesUrl);
  await expect(page.getByRole("heading", { name: "E-Mail-Einstellungen" })).toBeVisible();
  await expect(ledger.getByTestId("ledger-entry").first().getByTestId("ledger-detail")).toHaveText("Einzelheiten: Wie oft: Tägliche Zusammenfassung. Ruhezeit von 21:00 bis 06:30 Uhr.");
  await snap(page, "email-preferences-de");
  await context.clearCookies({ name: "NEXT_LOCALE" });

  // The used confirmation link, a forged one, and genuine but expired links explain themselves.
  await page.goto(confirmUrl);
  await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open your email settings" })).toBeVisible();
  await snap(page, "email-confirm-used");
  await page.goto("/email/confirm/forged-token");
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
  await snap(page, "email-confirm-invalid");
  await page.goto(`/email/confirm/${signConfirmToken(subscriptionId, "x".repeat(24), E2E_SECRET, longAgo)}`);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Ask again on/ })).toHaveAttribute("href", CAUSE);
  await snap(page, "email-confirm-expired");
  await page.goto(`/email/preferences/${signPreferencesToken(subscriptionId, E2E_SECRET, longAgo)}`);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await page.getByTestId("fresh-link").click();
  await expect(page.getByText(/a fresh link is on its way/)).toBeVisible();
  await snap(page, "email-preferences-expired");

  // Leaving from the settings, then the optional question (never a gate).
  await page.goto(preferencesUrl);
  await page.getByTestId("preferences-leave").click();
  await expect(page).toHaveURL(/\/leave\/done\?cause=saubere-spree&token=/);
  const why = page.getByTestId("leave-reason");
  await expect(why.getByRole("link", { name: "Skip" })).toBeVisible();
  await snap(page, "email-leave-reason");
  await why.getByLabel("Too many mails").check();
  await why.getByRole("button", { name: "Send answer" }).click();
  await expect(page.getByText("Thank you. Your answer was counted — not stored with you.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("leave-reason")).toHaveCount(0);

  await page.goto(preferencesUrl);
  await expect(page.getByRole("heading", { name: /You no longer follow/ })).toBeVisible();
  await expect(ledger.getByTestId("ledger-entry").first()).toContainText("Left");
  await snap(page, "email-preferences-left");
});

test("a signed-in follower switches on “Also by email” with their verified sign-in address", async ({ page }) => {
  await signIn(page, uniqueEmail("alsomail"), CAUSE);
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follow-button")).toHaveText("Leave");
  const channel = page.getByTestId("email-channel");
  await channel.getByRole("button", { name: /also by email/i }).click();
  await expect(channel.getByRole("status")).toContainText("your confirmed sign-in address gets updates by email");
  await expect(channel.getByTestId("email-channel-toggle")).toHaveText("Stop emails");
  await expect(page.getByText(/also arrive by email, as you set them/)).toBeVisible();
  await snap(page, "email-also-by-email");

  await page.goto("/subscriptions");
  await expect(page.getByText(/also by email/).first()).toBeVisible();
  await snap(page, "email-subscriptions-list");
  await page.getByTestId("email-settings-link").first().click();
  await expect(page).toHaveURL(/\/subscriptions\/[a-z0-9]+$/);
  await expect(page.getByTestId("channel-state")).toContainText("Updates also arrive by email");
  const ledger = page.getByTestId("consent-ledger");
  await expect(ledger.locator('[data-action="confirm"]')).toContainText("Confirmed by signing in with exactly this address.");
  await page.getByTestId("preferences-form").getByLabel("Weekly digest", { exact: true }).check();
  await page.getByTestId("preferences-form").getByLabel("Day of the weekly digest").selectOption("5");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(ledger.getByTestId("ledger-entry").first()).toContainText("How often: Weekly digest. Weekly summary on Friday.");
  await snap(page, "email-own-settings");

  await page.getByTestId("email-channel-toggle").click();
  await expect(page.getByText("Emails stopped. Updates stay in your feed.")).toBeVisible();
  await expect(page.getByTestId("channel-state")).toContainText("This subscription is in your feed only.");
  await snap(page, "email-own-settings-web");
  await expect(ledger.getByTestId("ledger-entry").first()).toContainText("No more emails, feed only.");
});

test("mails follow the reader's clock: the device's zone from the start, a list to search, one click to take it over", async ({ browser, baseURL }) => {
  // A reader in Tokyo.
  const context = await browser.newContext({ baseURL, timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await signIn(page, uniqueEmail("clock"), CAUSE);
  await page.getByTestId("follow-button").click();
  await page.getByTestId("email-channel").getByTestId("email-channel-toggle").click();
  await expect(page.getByTestId("email-channel").getByTestId("email-channel-toggle")).toHaveAttribute("aria-pressed", "true");
  await page.goto("/subscriptions");
  await page.getByTestId("email-settings-link").first().click();
  const prefs = page.getByTestId("preferences-form");
  const zone = prefs.getByLabel("Time zone");
  await expect(zone).toHaveValue("Asia/Tokyo");
  // Same clock as the device: nothing to take over.
  await expect(prefs.getByTestId("use-device-zone")).toHaveCount(0);
  // The list names each zone in the page's language, with its offset.
  await expect(page.locator('#time-zones option[value="Europe/Berlin"]')).toHaveAttribute("label", /^Central European Time \(GMT\+0[12]:00\)$/);

  await zone.fill("Europe/Berlin");
  await prefs.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("consent-ledger").getByTestId("ledger-entry").first()).toContainText("Europe/Berlin");
  await expect(zone).toHaveValue("Europe/Berlin");
  // Saved clock and device differ: one click (or Enter) takes the device's over.
  const useDevice = prefs.getByTestId("use-device-zone");
  await expect(useDevice).toHaveText("Use this device's time zone (Asia/Tokyo)");
  await useDevice.focus();
  await page.keyboard.press("Enter");
  await expect(zone).toHaveValue("Asia/Tokyo");
  await expect(zone).toBeFocused();
  await page.keyboard.press("Escape"); // close the list the focus opened, for the picture
  await snap(page, "email-time-zone");
  await prefs.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("consent-ledger").getByTestId("ledger-entry").first()).toContainText("Asia/Tokyo");
  await context.close();
});
