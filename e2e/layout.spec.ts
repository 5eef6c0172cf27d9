/**
 * Any text, any width: a cause whose title and summary carry the longest German compound word, an
 * update in Arabic (right to left), on every page a reader or publisher sees, at phone and desktop
 * width, in German and in English. No page may be wider than the window, and nothing may stick
 * out of its box. Screenshots land in e2e/.artifacts/screenshots for a person to look at.
 */
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { foreignText, publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

const LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsbetrieb";
const ARABIC = "حديقة الحي تحتاج إلى متطوعين يوم السبت";

/** Elements wider than the window, or the page itself scrolling sideways. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        // Off-screen helpers (skip links, visually hidden text) and closed popovers do not count.
        if (box.width === 0 || box.height === 0 || el.closest("[popover]:not(:popover-open), .sr-only")) return false;
        return box.right > width + 1 || box.left < -1;
      })
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 3).join(".")} ${Math.round(el.getBoundingClientRect().right)}px`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
}

test("long words and right-to-left text fit every page at 390 and 1280 px, in German and English", async ({ page, context }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("layout");
  await signIn(page, email, "/dashboard");
  const causePath = await publishCauseWithUpdate(page, `${LONG_WORD} ${Date.now()}`, `Neues vom ${LONG_WORD}`);
  // A second update in Arabic, and a summary that is one long word.
  const manage = page.url();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });
  await form.getByLabel("Title").fill(`${ARABIC} 🌳👩‍👩‍👧`);
  await form.getByLabel("Text").fill(`${ARABIC}\n\n${LONG_WORD}${LONG_WORD} 🎉`);
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
  expect(manage).toContain("/dashboard/causes/");
  await page.goto(causePath);
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follow-button")).toHaveText("Leave");
  const updatePath = await page.locator(`a[href^="${causePath}/u/"]`).first().getAttribute("href");

  const pages = ["/", "/explore", `/explore?q=${encodeURIComponent(LONG_WORD.slice(0, 20))}`, causePath, updatePath!, "/feed", "/subscriptions", "/dashboard", new URL(manage).pathname, "/account",
    `${new URL(manage).pathname}/updates/${updatePath!.split("/").pop()}`, `${new URL(manage).pathname}/share`, "/dashboard/groups", "/g",
    "/g/gruener-kiez-berlin", "/email/confirm/not-a-real-token", "/email/preferences/not-a-real-token", "/leave/not-a-real-token", "/signin/confirm?token=cut-short", "/datenschutz"];
  // Any console error or uncaught exception on any of these pages fails the story.
  const problems: string[] = [];
  page.on("console", (message) => message.type() === "error" && problems.push(`${page.url()}: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  for (const locale of ["de", "en"] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);
    for (const [label, width] of [["phone", 390], ["desktop", 1280]] as const) {
      await page.setViewportSize({ width, height: 844 });
      for (const path of pages) {
        await page.goto(path);
        const result = await overflow(page);
        expect(result.scrollWidth, `${path} ${locale} ${label}: ${result.wide.join(", ")}`).toBeLessThanOrEqual(result.width);
        expect(result.wide, `${path} ${locale} ${label}`).toEqual([]);
        // No text of the other language (an untranslated message) on the page.
        if (label === "desktop") expect(await foreignText(page, locale), `${path} ${locale}`).toEqual([]);
      }
    }
  }
  expect(problems).toEqual([]);
  // For a person to look at: the cause page and explore in both languages.
  for (const locale of ["de", "en"]) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);
    await page.goto(causePath);
    await snap(page, `layout-cause-${locale}`);
    await page.goto("/explore");
    await snap(page, `layout-explore-${locale}`);
  }
  // The check above is not empty: this English page, taken for a German one, is full of English.
  expect((await foreignText(page, "de")).length).toBeGreaterThan(3);
});

test("on a phone the signed-out header takes two rows in either language, and Follow is on the first screen", async ({ page, context, baseURL }) => {
  for (const locale of ["de", "en"]) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const width of [360, 390]) {
      await page.setViewportSize({ width, height: 740 });
      await page.goto("/c/saubere-spree");
      const banner = page.getByRole("banner");
      const name = await banner.getByRole("link", { name: "Herzensthema" }).boundingBox();
      const signIn = await banner.locator('a[href="/signin"]').boundingBox();
      const language = await banner.locator("form").boundingBox();
      // Name, language and sign-in share the first row; the links are the second.
      expect(Math.abs(signIn!.y + signIn!.height / 2 - (name!.y + name!.height / 2)), `${locale} ${width}`).toBeLessThan(4);
      expect(Math.abs(language!.y + language!.height / 2 - (name!.y + name!.height / 2)), `${locale} ${width}`).toBeLessThan(4);
      expect((await banner.boundingBox())!.height, `${locale} ${width}`).toBeLessThanOrEqual(100);
      const follow = await page.getByTestId("follow-button").boundingBox();
      expect(follow!.y + follow!.height, `${locale} ${width}`).toBeLessThanOrEqual(740);
    }
  }
  await context.addCookies([{ name: "NEXT_LOCALE", value: "de", url: baseURL! }]);
  await page.goto("/");
  await snap(page, "header-signed-out-de");
});
