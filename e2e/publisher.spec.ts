/**
 * Story (a): a newcomer signs in through the dev outbox link, creates a cause as a draft,
 * publishes it and posts an update that appears on the public page — nothing is sent.
 */
import { expect, test } from "@playwright/test";
import { publishCauseWithUpdate, snap, uniqueEmail } from "./helpers";

test("a newcomer publishes a cause and posts an update", async ({ page }) => {
  const email = uniqueEmail("publisher");
  await page.goto("/signin");
  await snap(page, "signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page.getByText(`We sent a sign-in link to ${email}.`)).toBeVisible();
  await snap(page, "check-email");

  await page.goto("/dev/outbox");
  await expect(page.locator(`[data-to="${email}"]`)).toBeVisible();
  await snap(page, "dev-outbox");
  await page.locator(`[data-to="${email}"]`).getByTestId("outbox-link").first().click();
  await expect(page).toHaveURL(/\/feed$/);
  await expect(page.getByRole("heading", { name: "Your feed is empty — on purpose" })).toBeVisible();
  await snap(page, "feed-empty");

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "You have not started a cause yet" })).toBeVisible();
  await snap(page, "dashboard-empty");

  await page.goto("/dashboard/new");
  await snap(page, "cause-new");
  const title = `Clean River ${Date.now()}`;
  const causePath = await publishCauseWithUpdate(page, title, "We start on Saturday");
  await snap(page, "cause-manage");

  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByTestId("cause-status").first()).toHaveText("Published");
  await snap(page, "dashboard");

  await page.goto(causePath);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "We start on Saturday" })).toBeVisible();
  await expect(page.locator(".prose-cause a[href='https://example.org/notes']")).toHaveAttribute("rel", "nofollow ugc noopener");
  await expect(page.getByText("No followers yet")).toBeVisible();
  await snap(page, "cause-page");

  await page.getByRole("link", { name: "We start on Saturday" }).click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9-]+\/u\/[a-z0-9]+$/);
  await snap(page, "update-permalink");
});
