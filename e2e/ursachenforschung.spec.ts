/**
 * Ursachenforschung, the whole page: a publisher opens it from their cause, sees empty states that
 * teach, then a reader's real browser visits (the page's beacon is counted, a rendering crawler is
 * not, and the owner's own views never are). Four weeks of history are seeded; the page then shows
 * hints, the day many left next to the late update before it, what each update reached, the places
 * ranked with conversion, and when readers read with a suggested window — as words, charts and
 * tables, in English and German, at desktop and phone width. A group's admin has the group's view.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { e2eDatabaseUrl, expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { axeViolations, publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
type History = {
  updateId: string;
  updateTitle: string;
  publishedAt: string;
  reads: { updateId: string; channel: string; count: number; at: string }[];
  places: { label: string; visits: number; follows: number }[];
};

async function seedHistory(slug: string): Promise<History> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "tests/support/insights-history.ts", slug], {
    cwd: path.resolve(__dirname, ".."),
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as History;
}

/** "Tuesday 19": the weekday and hour of an instant in Berlin. */
function berlinWeekHour(iso: string) {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", weekday: "long", hour: "2-digit", hourCycle: "h23" }).formatToParts(new Date(iso));
  return `${parts.find((p) => p.type === "weekday")!.value} ${parts.find((p) => p.type === "hour")!.value}`;
}

const noSideways = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

test("a publisher finds why it is quiet: reads, reach, places, leaves and hints, for a cause and a group", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, uniqueEmail("why-quiet"), "/dashboard/new");
  const causePath = await publishCauseWithUpdate(page, `Quiet ${Date.now()}`, "Today's news");
  const slug = causePath.split("/").pop()!;
  await page.getByTestId("insights-link").getByRole("link", { name: "Open “Why it is quiet”" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Why it is quiet" })).toBeVisible();
  const insightsUrl = page.url();

  // Nothing read yet: every part says what would fill it.
  await expect(page.getByTestId("reading-empty")).toContainText("No views counted yet.");
  await expect(page.getByTestId("reach-empty")).toBeVisible();
  await expect(page.getByTestId("places-empty")).toContainText("Make one link per place in the share kit");
  await expect(page.getByTestId("spikes-empty")).toBeVisible();
  await expect(page.getByTestId("insight-hints").locator('[data-hint="noPlaces"]')).toBeVisible();
  await expect(page.getByTestId("quiet-lead")).toHaveText("Nobody gets your updates by email at once — quiet hours do not matter yet.");
  // The owner looking at their own page is no reader.
  await page.goto(causePath);
  await page.goto(insightsUrl);

  // A reader's browser opens the cause page and the update; a crawler renders the page too.
  const reader = await browser.newContext({ userAgent: BROWSER_UA });
  const readerPage = await reader.newPage();
  await readerPage.goto(causePath);
  await readerPage.getByRole("link", { name: "Today's news" }).first().click();
  await expect(readerPage).toHaveURL(/\/u\//);
  // Googlebot renders pages with a real Chromium, scripts and all: its beacon is not counted.
  const crawler = await browser.newContext({ userAgent: "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/130.0.0.0 Safari/537.36" });
  await (await crawler.newPage()).goto(causePath);
  // The counts are written within ten seconds.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("reading-summary")).toHaveText(/^2 reads in four weeks;/, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("reach-line").first()).toHaveText("2 reads: 1 on its page, 1 on your page, 0 by feed");
  await reader.close();
  await crawler.close();

  // Four weeks of history.
  const history = await seedHistory(slug);
  await page.reload();
  const seeded = history.reads.reduce((n, r) => n + r.count, 0);
  const tuesdays = history.reads.filter((r) => r.channel === "page" && berlinWeekHour(r.at) === "Tuesday 19").length;
  await expect(page.getByTestId("reading-summary")).toHaveText(`${seeded + 2} reads in four weeks; most on Tuesdays at 19:00 (${8 * tuesdays}).`);
  await expect(page.getByTestId("publishing-window")).toHaveText("Suggestion: Tuesdays between 19:00 and 21:00. Many of your people read then, and 100% of your email followers are not in quiet hours then.");
  await expect(page.getByTestId("quiet-lead")).toContainText("Share of your email followers who get each update at once and are in quiet hours at each hour");
  await expect(page.getByTestId("reading-times").getByRole("img", { name: "Views per weekday and hour" })).toBeVisible();

  // Hints: the late update and the best place, in plain words.
  const hints = page.getByTestId("insight-hints");
  await expect(hints.locator('[data-hint="lateUpdateLeaves"]')).toHaveText("Most leaves (5 of 5) came in the days after updates posted late at night (10 pm–6 am). Try daytime.");
  await expect(hints.locator('[data-hint="bestPlace"]')).toHaveText(`“\u2068${history.places[0].label}\u2069” brought the most people (6). It is worth sharing there again.`);

  // The day many left, next to the update before it; the reasons of the month beside.
  const spike = page.getByTestId("leave-spikes").locator("li");
  await expect(spike).toHaveCount(1);
  await expect(spike).toContainText("5 left");
  await expect(spike.getByRole("link", { name: `“${history.updateTitle}”` })).toHaveAttribute("href", `${causePath}/u/${history.updateId}`);
  await expect(page.getByTestId("leave-reasons")).toContainText("Too many mails");

  // Reach: the late update's own page in its first week, the page and feed while it was newest.
  const since = new Date(history.publishedAt).getTime() - (new Date(history.publishedAt).getTime() % 3_600_000);
  const after = history.reads.filter((r) => r.updateId === "" && new Date(r.at).getTime() >= since);
  const page2 = after.filter((r) => r.channel === "page").reduce((n, r) => n + r.count, 0);
  const feed = after.filter((r) => r.channel === "feed").reduce((n, r) => n + r.count, 0);
  await expect(page.getByTestId("reach-line").nth(1)).toHaveText(`${16 + page2 + feed} reads: 16 on its page, ${page2} on your page, ${feed} by feed`);
  await page.getByTestId("update-reach").getByText("Show as table").click();
  await expect(page.getByTestId("reach-table").locator("tbody tr").nth(1).locator("td").first()).toHaveText("12 · 4 · 0 · 0 · 0 · 0 · 0");

  // Places, ranked by follows, with follows per visit.
  const rows = page.getByTestId("places-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveText(`${history.places[0].label}40615%`);
  await expect(rows.nth(1)).toHaveText("Nachbarschaftsnewsletter Südstadt2514%");

  // The heat map's numbers as a table: Tuesday 19–20 holds the peak; nobody is in quiet hours then.
  await page.getByTestId("reading-times").getByText("Show as table").click();
  const tuesday19 = page.getByTestId("reading-table").locator("tbody tr").nth(19).locator("td").nth(1);
  await expect(tuesday19).toHaveText(new RegExp(`^${8 * tuesdays}( · 0%)$`));
  await expect(page.getByTestId("reading-table").locator("tbody tr").nth(23).locator("td").nth(1)).toContainText("· 100%");
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, "why-quiet");
  await page.setViewportSize({ width: 390, height: 844 });
  await noSideways(page);

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Ursachenforschung" })).toBeVisible();
  await expect(page.getByTestId("publishing-window")).toHaveText("Vorschlag: dienstags zwischen 19 und 21 Uhr. Dann lesen viele deiner Leute, und 100 % deiner E-Mail-Folgenden haben dann keine Ruhezeit.");
  await expect(hints.locator('[data-hint="lateUpdateLeaves"]')).toHaveText("Die meisten Abgänge (5 von 5) kamen in den Tagen nach Neuigkeiten, die spätabends oder nachts (22–6 Uhr) erschienen sind. Versuch es tagsüber.");
  await expect(spike).toContainText("5 sind gegangen");
  await expect(page.getByTestId("reading-summary")).toHaveText(`In vier Wochen ${seeded + 2}-mal gelesen; am meisten dienstags um 19 Uhr (${8 * tuesdays}).`);
  await expect(page.getByTestId("reach-line").first()).toHaveText("2-mal gelesen: 1 auf ihrer Seite, 1 auf deiner Seite, 0 per Feed");
  await noSideways(page);
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, "why-quiet-de");

  // A partner group's admin: the demo group's founder sees the group's own view.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, "lena@demo.herzensthema.local", "/dashboard/groups");
  await adminPage.getByRole("link", { name: "Grüner Kiez Berlin" }).first().click();
  await adminPage.getByTestId("insights-link").getByRole("link").click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Why it is quiet" })).toBeVisible();
  await expect(adminPage.getByText("Grüner Kiez Berlin", { exact: true })).toBeVisible();
  await expect(adminPage.getByTestId("follow-insights")).toBeVisible();
  // Two members only: when people read stays each publisher's own.
  await expect(adminPage.getByTestId("reading-too-few-members")).toContainText("A group shows when people read only from 3 member causes on");
  // Not the admin: no way in.
  const groupInsights = adminPage.url();
  await admin.close();
  const response = await page.goto(groupInsights);
  expect(response?.status()).toBe(404);
});
