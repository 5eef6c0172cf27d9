import { randomUUID } from "node:crypto";
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`;

/** Signs in like a person: asks for a link, opens the dev outbox, clicks the link in that mail. */
export async function signIn(page: Page, email: string, returnTo = "/feed") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel(/email address|e-mail-adresse/i).fill(email);
  await page.getByRole("button", { name: /send sign-in link|anmeldelink schicken/i }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  await page.goto("/dev/outbox");
  const mail = page.locator(`[data-testid="outbox-mail"][data-to="${email}"]`).first();
  await mail.getByTestId("outbox-link").first().click();
  await page.getByTestId("confirm-sign-in").click();
  await expect(page).toHaveURL(new RegExp(`${returnTo.replace(/[/?]/g, "\\$&")}$`));
}

const dir = "e2e/.artifacts/screenshots";

/** Saves the page at desktop and phone width (e2e/.artifacts/screenshots) for a human to look at. */
export async function snap(page: Page, name: string) {
  fs.mkdirSync(dir, { recursive: true });
  const original = page.viewportSize();
  for (const [label, width, height] of [["desktop", 1280, 800], ["phone", 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** A publisher creates, publishes and posts one update to a cause through the UI. */
export async function publishCauseWithUpdate(page: Page, title: string, updateTitle: string) {
  await page.goto("/dashboard/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill(`Why ${title} matters, in one sentence.`);
  await page.getByLabel("Description").fill(`## About\n\nWe care about **${title}**. See [our notes](https://example.org/notes).`);
  await page.getByLabel("Tags").fill("e2e, Community");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/dashboard\/causes\/[a-z0-9]+\?created=1$/);
  await page.getByTestId("status-button").click();
  await expect(page.getByRole("status").filter({ hasText: "Published. Your cause is now public." })).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });
  await form.getByLabel("Title").fill(updateTitle);
  await form.getByLabel("Text").fill(`First news about ${title}.`);
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
  // The earlier "cause is now public" was news only until the next form was sent.
  await expect(page.getByText("Published. Your cause is now public.")).toHaveCount(0);
  const href = await page.getByRole("link", { name: /View page/ }).getAttribute("href");
  return href!; // /c/<slug>
}

/** What axe-core finds against WCAG 2.1 A/AA and its best practices on the page as it is now. */
export async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}
