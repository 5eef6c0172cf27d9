/**
 * axe-core on the pages people use most, signed out and signed in, in German and English: no
 * violation of WCAG 2.1 A/AA rules axe can check (names that match what is shown, heading order,
 * labels, contrast, landmarks). What axe cannot judge (wording, focus order) the other stories do.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

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
