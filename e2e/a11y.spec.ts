/**
 * axe-core on the pages people use most, signed out and signed in, in German and English: no
 * violation of WCAG 2.1 A/AA rules axe can check (names that match what is shown, heading order,
 * labels, contrast, landmarks). Group pages are checked in e2e/groups.spec.ts, with a group.
 * What axe cannot judge (wording, focus order) the other stories do.
 */
import { expect, test } from "./fixtures";
import { axeViolations as violations, foreignText, publishCauseWithUpdate, signIn, uniqueEmail } from "./helpers";

for (const locale of ["de", "en"] as const) {
  test(`no axe violations on public and reader pages (${locale})`, async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const path of ["/", "/explore", "/c/saubere-spree", "/signin", "/datenschutz"]) {
      await page.goto(path);
      expect(await violations(page), `${path} (${locale}, signed out)`).toEqual([]);
      expect(await foreignText(page, locale), `${path} (${locale}, signed out)`).toEqual([]);
    }
    await signIn(page, uniqueEmail(`axe-${locale}`), "/c/saubere-spree");
    await page.getByTestId("follow-button").click();
    await expect(page.getByTestId("follow-button")).toHaveAttribute("aria-pressed", "true");
    for (const path of ["/feed", "/subscriptions", "/dashboard", "/account", "/c/saubere-spree"]) {
      await page.goto(path);
      expect(await violations(page), `${path} (${locale}, signed in)`).toEqual([]);
      expect(await foreignText(page, locale), `${path} (${locale}, signed in)`).toEqual([]);
    }
  });
}

/**
 * The rest of the app: a publisher's pages, the operator's, and the pages a mail's link opens
 * (valid and refused tokens), in both languages. Made in English, then looked at in each.
 */
test("no axe violations on publisher, operator and token pages (de and en)", async ({ page, context, baseURL, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, uniqueEmail("axe-publisher"), "/dashboard/new");
  const causePath = await publishCauseWithUpdate(page, `Axe Check ${Date.now()}`, "Erstes Treffen");
  const manage = new URL(page.url()).pathname;
  const correct = await page.getByRole("link", { name: "Correct or delete: Erstes Treffen" }).getAttribute("href");
  const publisherPages = [manage, `${manage}/share`, `${manage}/insights`, correct!, "/dashboard", "/dashboard/new", "/dashboard/groups", "/dashboard/groups/new", `${causePath}`];

  // A reader without an account follows by email: the confirm link and the settings link are token pages.
  const readerContext = await browser.newContext({ baseURL });
  const reader = await readerContext.newPage();
  const address = uniqueEmail("axe-reader");
  await reader.goto(causePath);
  await reader.getByText("Follow by email instead — no account needed").click();
  await reader.getByTestId("email-follow").getByLabel("Email address").fill(address);
  await reader.getByTestId("email-follow").getByRole("button", { name: "Send confirmation mail" }).click();
  await expect(reader.getByTestId("email-follow").getByRole("status")).toContainText("Check your inbox.");
  await reader.goto("/dev/outbox");
  const confirmLink = await reader.locator(`[data-testid="outbox-mail"][data-to="${address}"]`).first().getByTestId("outbox-link").first().getAttribute("href");
  const confirmPath = new URL(confirmLink!, baseURL).pathname;
  await reader.goto(confirmPath);
  await reader.getByTestId("confirm-email").click();
  await expect(reader).toHaveURL(/\/email\/preferences\/.+\?confirmed=1$/);
  const preferencesPath = new URL(reader.url()).pathname;
  await readerContext.close();
  const tokenPages = [
    confirmPath, // now used: it says so
    preferencesPath,
    "/email/confirm/not-a-real-token",
    "/email/preferences/not-a-real-token",
    "/leave/not-a-real-token",
    "/leave/done",
    "/email/forgotten",
    "/signin/check-email",
    "/signin/confirm?token=cut-short",
  ];

  const operator = await browser.newContext({ baseURL });
  const operatorPage = await operator.newPage();
  await signIn(operatorPage, "operator@example.org", "/admin");

  for (const locale of ["de", "en"] as const) {
    for (const c of [context, operator]) await c.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const path of [...publisherPages, ...tokenPages]) {
      await page.goto(path);
      expect(await violations(page), `${path} (${locale})`).toEqual([]);
      expect(await foreignText(page, locale), `${path} (${locale})`).toEqual([]);
    }
    for (const path of ["/admin", "/admin/log"]) {
      await operatorPage.goto(path);
      expect(await violations(operatorPage), `${path} (${locale}, operator)`).toEqual([]);
      expect(await foreignText(operatorPage, locale), `${path} (${locale}, operator)`).toEqual([]);
    }
  }
  await operator.close();
});
