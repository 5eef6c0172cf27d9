/**
 * Ursachenforschung, first part: a publisher sees who came and who left — first an empty state
 * that says what to do, then, after a reader followed, "+1 this week" in words, the chart and the
 * same numbers as a table; counts only, nobody named. Looked at on a phone and a desktop.
 */
import { expect, test } from "./fixtures";
import { publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

test("a publisher reads follows and leaves of the last four weeks, in words, as a chart and as a table", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, uniqueEmail("insights"), "/dashboard/new");
  const causePath = await publishCauseWithUpdate(page, `Insights ${Date.now()}`, "Hello");
  const manage = page.url();
  const card = page.getByTestId("follow-insights");
  await expect(card.getByTestId("insights-empty")).toContainText("No data yet. Share your cause where it fits");
  await expect(card.getByTestId("insights-week")).toHaveText("Nobody new this week, nobody left (net 0).");

  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  const email = uniqueEmail("insights-reader");
  await signIn(reader, email, causePath);
  await reader.getByTestId("follow-button").click();
  await expect(reader.getByTestId("follow-button")).toHaveText("Leave");
  await readerContext.close();

  await page.goto(manage);
  await expect(card.getByTestId("insights-week")).toHaveText("+1 this week, nobody left (net +1).");
  await expect(card.getByTestId("insights-followers")).toHaveText("Following now: 1 on the web, 0 by email, 0 in the fediverse.");
  await expect(card.getByRole("img", { name: "New followers (above the line) and leaves (below) per day" })).toBeVisible();
  await card.getByText("Show as table").click();
  const today = card.getByTestId("insights-table").locator("tbody tr").first();
  await expect(today.locator("td").nth(0)).toHaveText("1");
  await expect(today.locator("td").nth(1)).toHaveText("0");
  await expect(today.locator("td").nth(2)).toHaveText("Web +1/−0");
  expect(await card.innerText()).not.toContain(email);
  await snap(page, "insights");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: page.url() }]);
  await page.reload();
  await expect(card.getByTestId("insights-week")).toHaveText("+1 in dieser Woche, niemand ist gegangen (unterm Strich +1).");
  await snap(page, "insights-de");
});
