/**
 * axe-core on the pages people use most, signed out and signed in, in German and English: no
 * violation of WCAG 2.1 A/AA rules axe can check (names that match what is shown, heading order,
 * labels, contrast, landmarks). Group pages are checked in e2e/groups.spec.ts, with a group.
 * What axe cannot judge (wording, focus order) the other stories do.
 */
import { expect, test } from "@playwright/test";
import { axeViolations as violations, signIn, uniqueEmail } from "./helpers";

for (const locale of ["de", "en"]) {
  test(`no axe violations on public and reader pages (${locale})`, async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const path of ["/", "/explore", "/c/saubere-spree", "/signin", "/datenschutz"]) {
      await page.goto(path);
      expect(await violations(page), `${path} (${locale}, signed out)`).toEqual([]);
    }
    await signIn(page, uniqueEmail(`axe-${locale}`), "/c/saubere-spree");
    await page.getByTestId("follow-button").click();
    await expect(page.getByTestId("follow-button")).toHaveAttribute("aria-pressed", "true");
    for (const path of ["/feed", "/subscriptions", "/dashboard", "/account", "/c/saubere-spree"]) {
      await page.goto(path);
      expect(await violations(page), `${path} (${locale}, signed in)`).toEqual([]);
    }
  });
}
