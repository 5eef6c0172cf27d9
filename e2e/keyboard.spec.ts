/**
 * Keyboard only: follow, leave, publish and change email settings without a mouse. Every control
 * is reached with Tab (in page order, no trap) and shows where the focus is.
 */
import { expect, test } from "./fixtures";
import type { Locator, Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";

/** Presses Tab until `target` has the focus (at most `max` times), then checks the focus is visible. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) {
      const visible = await target.evaluate((el) => {
        const style = getComputedStyle(el);
        const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        return el.matches(":focus-visible") && (ring || style.boxShadow !== "none");
      });
      expect(visible, "the focused control shows its focus").toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

test("follow, leave, publish and change email settings with the keyboard alone", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, uniqueEmail("keyboard"), "/c/saubere-spree");

  // Follow and leave.
  const follow = page.getByTestId("follow-button");
  await tabTo(page, follow);
  // Each press shows its outcome at once; while it is on its way a second press is ignored, and
  // afterwards the focus is still on the button.
  const settled = () => expect(follow).toHaveAttribute("aria-busy", "false");
  await page.keyboard.press("Enter");
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await settled();
  await expect(follow).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await settled();
  await page.keyboard.press("Space");
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await settled();

  // Email for this cause, then its settings: a weekly digest on Fridays.
  const alsoByEmail = page.getByTestId("email-channel").getByTestId("email-channel-toggle");
  await tabTo(page, alsoByEmail);
  await page.keyboard.press("Enter");
  await expect(alsoByEmail).toHaveAttribute("aria-pressed", "true");
  await page.goto("/subscriptions");
  await tabTo(page, page.getByTestId("email-settings-link").first());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/subscriptions\/[a-z0-9]+$/);
  const prefs = page.getByTestId("preferences-form");
  await tabTo(page, prefs.getByLabel("As published", { exact: true }));
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(prefs.getByLabel("Weekly digest", { exact: true })).toBeChecked();
  await tabTo(page, prefs.getByLabel("Day of the weekly digest"));
  await page.keyboard.press("End"); // Sunday
  await page.keyboard.press("ArrowUp"); // Saturday
  await page.keyboard.press("ArrowUp"); // Friday
  await expect(prefs.getByLabel("Day of the weekly digest")).toHaveValue("5");
  await tabTo(page, prefs.getByRole("button", { name: "Save settings" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("consent-ledger").getByTestId("ledger-entry").first()).toContainText("Weekly summary on Friday.");

  // Publish a cause and an update.
  await page.goto("/dashboard/new");
  const title = `Tastatur ${Date.now()}`;
  await tabTo(page, page.getByLabel("Title"));
  await page.keyboard.type(title);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Web address", { exact: true })).toBeFocused();
  await tabTo(page, page.getByLabel("Summary"));
  await page.keyboard.type("Alles mit der Tastatur.");
  await tabTo(page, page.getByRole("button", { name: "Create draft" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/causes\/[a-z0-9]+\?created=1$/);
  await tabTo(page, page.getByTestId("status-button"));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Published. Your cause is now public." })).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });
  await tabTo(page, form.getByLabel("Title"));
  await page.keyboard.type("Ohne Maus veröffentlicht");
  await tabTo(page, form.getByLabel("Text"));
  await page.keyboard.type("Tab, Enter, fertig.");
  await tabTo(page, form.getByRole("button", { name: "Publish update" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
  await page.goto((await page.getByRole("link", { name: /View page/ }).getAttribute("href"))!);
  await expect(page.getByRole("heading", { name: "Ohne Maus veröffentlicht" })).toBeVisible();
});
