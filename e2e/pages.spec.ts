/**
 * The rest a visitor meets: German UI from the browser and the language switch, the landing
 * page, explore filters with their empty state, proper 404s, and bad input with translated
 * messages next to the field (nothing saved, no script executed).
 */
import { expect, test } from "./fixtures";
import { signIn, snap, uniqueEmail } from "./helpers";

test.describe("in German", () => {
  test.use({ locale: "de-DE" });

  test("the landing page explains the pull idea and lists causes; the switch changes language", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Herzensthemen — gefolgt nur aus eigener Wahl." })).toBeVisible();
    await expect(page.getByRole("link", { name: "Saubere Spree — Müll raus aus dem Fluss" })).toBeVisible();
    await snap(page, "home-de");
    await page.getByRole("button", { name: "en", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Causes close to someone's heart — followed only by choice." })).toBeVisible();
    await page.getByRole("button", { name: "de", exact: true }).click();
    await expect(page.getByRole("link", { name: "Entdecken", exact: true })).toBeVisible();
  });

  test("dates are localised on the cause page", async ({ page }) => {
    await page.goto("/c/saubere-spree");
    await expect(page.getByRole("heading", { name: "Neuigkeiten" })).toBeVisible();
    await expect(page.locator("time").first()).toHaveText(/\d{1,2}\. \p{L}+ \d{4} um \d{2}:\d{2}/u);
    await snap(page, "cause-page-de");
  });
});

test("the account menu works by keyboard and on a phone, and signing out ends the session", async ({ page }) => {
  await signIn(page, uniqueEmail("menu"), "/feed");
  const button = page.getByRole("button", { name: "Account menu" });
  const menu = page.locator("#account-menu");
  await expect(menu).toBeHidden();

  // Keyboard: Enter opens, Tab reaches the links, Escape closes and gives focus back.
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "My feed" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "Following" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();

  // A click elsewhere closes it; following a link closes it too (the header stays on the page).
  await button.click();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(menu).toBeHidden();
  await button.click();
  await menu.getByRole("link", { name: "My data" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(menu).toBeHidden();

  // On a phone it stays inside the screen.
  await page.setViewportSize({ width: 390, height: 800 });
  await button.click();
  const box = (await menu.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await snap(page, "account-menu-phone");

  await menu.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.context().cookies()).some((cookie) => cookie.name.endsWith("next-auth.session-token"))).toBe(false);
  await page.goto("/feed");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("explore filters by tag and language and says when nothing matches", async ({ page }) => {
  await page.goto("/explore");
  await snap(page, "explore");
  await page.getByRole("list", { name: "Filter by tag" }).getByRole("link", { name: /#repair/i }).click();
  await expect(page).toHaveURL(/tag=repair/);
  await expect(page.getByRole("link", { name: "Repair Café Südstadt" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Saubere Spree — Müll raus aus dem Fluss" })).toHaveCount(0);
  await page.goto("/explore?q=nothing-like-this-exists&lang=en");
  await expect(page.getByRole("heading", { name: "No cause matches" })).toBeVisible();
  await snap(page, "explore-empty");
});

test("unknown causes, updates and drafts are a proper 404", async ({ page, browser }) => {
  for (const path of ["/c/does-not-exist", "/c/saubere-spree/u/unknownupdate", "/c/%3Cscript%3E"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
  }
  await snap(page, "not-found");

  await signIn(page, uniqueEmail("drafter"), "/dashboard/new");
  await page.getByLabel("Title").fill(`Secret draft ${Date.now()}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  const href = await page.getByRole("link", { name: /View page/ }).getAttribute("href");
  await page.goto(href!);
  await expect(page.getByText("This is a draft. Only you can see it until you publish it.")).toBeVisible();
  const other = await browser.newContext();
  const response = await (await other.newPage()).goto(href!);
  expect(response?.status()).toBe(404);
  await other.close();
});

test("bad input gets translated messages next to the field and stores nothing", async ({ page }) => {
  await signIn(page, uniqueEmail("careless"), "/dashboard/new");
  await page.getByRole("button", { name: "Create draft" }).click();
  const title = page.getByLabel("Title");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Please write at least 3 characters.")).toBeVisible();
  await expect(page.getByText("Please check the highlighted fields.")).toBeVisible();

  // Limits are said, not hidden: a counter next to the label, and the limit in the message when a
  // longer text arrives anyway (a browser that ignores maxlength, a pasted request).
  await title.fill("x".repeat(119));
  await expect(page.getByTestId("field-title-count")).toHaveText("119 / 120");
  await title.pressSequentially("yz");
  await expect(title).toHaveValue(`${"x".repeat(119)}y`);
  await expect(page.getByTestId("field-title-count")).toHaveText("120 / 120");
  await title.evaluate((input) => input.removeAttribute("maxlength"));
  await title.fill("x".repeat(121));
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("A title may have at most 120 characters.")).toBeVisible();
  // Long fields count only near their limit.
  await expect(page.getByTestId("field-body-count")).toHaveCount(0);

  await title.fill("Okay title");
  await page.getByLabel("Web address").fill("Not A Slug!");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("3–60 lower-case letters, digits and single dashes, e.g. clean-river.")).toBeVisible();
  await expect(title).toHaveValue("Okay title");
  await snap(page, "cause-new-errors");

  await page.getByLabel("Web address").fill("saubere-spree");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("This web address is taken. Please choose another one.")).toBeVisible();

  page.on("dialog", () => {
    throw new Error("a script from user input ran");
  });
  await page.getByLabel("Web address").fill("");
  await title.fill("<script>alert('x')</script> Scripted");
  await page.getByLabel("Description").fill("<img src=x onerror=alert(1)> **bold**");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/created=1/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("<script>alert('x')</script> Scripted");
  await page.getByRole("link", { name: /View page/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("<script>alert('x')</script> Scripted");
  await expect(page.locator(".prose-cause img")).toHaveCount(0);
  await expect(page.locator(".prose-cause strong")).toHaveText("bold");

  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "Okay title" })).toHaveCount(0);
});

test("a sign-in link cut short or already used is no dead end: it says what happened and asks for a new one right there", async ({ page }) => {
  const email = uniqueEmail("cutshort");
  // Cut short: the token is missing.
  await page.goto("/signin/confirm?email=" + encodeURIComponent(email) + "&callbackUrl=%2Fsubscriptions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This sign-in link is incomplete");
  await expect(page.getByText("Part of this link is missing")).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  // No language chosen on the site: the mail speaks the browser's (Accept-Language: en-US).
  await page.goto("/dev/outbox");
  await expect(page.locator(`[data-testid="outbox-mail"][data-to="${email}"] h2`).first()).toHaveText(/^Your sign-in link for /);

  // Already used (or expired): the confirm page's POST fails, the sign-in page says so above its form.
  await page.goto("/signin/confirm?token=" + "ab".repeat(32) + "&email=" + encodeURIComponent(email));
  await page.getByTestId("confirm-sign-in").click();
  await expect(page).toHaveURL(/\/signin\?.*error=Verification/);
  await expect(page.getByText("This sign-in link has expired or was already used. Ask for a new one below.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send sign-in link" })).toBeVisible();
});

test("the sign-in mail speaks the browser's language when the site has no choice stored", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  const email = uniqueEmail("sprache");
  await page.goto("/signin");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Anmeldelink schicken" }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  await page.goto("/dev/outbox");
  await expect(page.locator(`[data-testid="outbox-mail"][data-to="${email}"] h2`).first()).toHaveText(/^Dein Anmeldelink für /);
  await context.close();
});
