/**
 * Abuse handling end to end: a visitor reports a cause without signing in; the operator (named in
 * ADMIN_EMAILS) suspends it with a reason; the cause page and its feed answer 410 with a calm
 * explanation; the publisher reads the reason on their dashboard and appeals once; the operator
 * reads the appeal and lifts the suspension; the log keeps every step.
 */
import { expect, test } from "./fixtures";
import { publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

const OPERATOR = "operator@example.org"; // ADMIN_EMAILS of the e2e server (scripts/e2e-server.mjs)

test("report → suspend (410) → the publisher appeals → the operator lifts it", async ({ browser, page, request }) => {
  test.setTimeout(180_000);
  const title = `Cheap Watches ${Date.now()}`;
  const publisher = await browser.newContext();
  const publisherPage = await publisher.newPage();
  await signIn(publisherPage, uniqueEmail("publisher"), "/dashboard");
  const causePath = await publishCauseWithUpdate(publisherPage, title, "Best prices today");
  const slug = causePath.split("/").pop()!;

  // A visitor, signed out, reports it.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(causePath);
  await visitorPage.getByText("Report this cause").click();
  const report = visitorPage.getByTestId("report");
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByLabel("Spam")).toBeFocused(); // the browser asks for a reason first
  await report.getByLabel("Spam").check();
  await report.getByLabel("What should the operators know? (optional)").fill("Sells watches, nothing about a cause.");
  await snap(visitorPage, "report-form");
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByRole("status")).toContainText("Thank you. The operators will look at it.");
  await snap(visitorPage, "report-thanks");

  // Nobody but an operator has a moderation page.
  await expect((await publisherPage.goto("/admin"))!.status()).toBe(404);

  // The operator suspends it with a reason.
  await signIn(page, OPERATOR, "/admin");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" })).toBeVisible();
  const item = page.getByTestId("queue-item").filter({ hasText: title });
  await expect(item).toContainText("1 report");
  await expect(item).toContainText("Spam · 1");
  await expect(item).toContainText("Sells watches, nothing about a cause.");
  await snap(page, "moderation-queue");
  await item.getByLabel("Suspend the cause").check();
  await item.getByRole("button", { name: "Decide" }).click();
  await expect(item.getByLabel("Reason")).toBeFocused(); // no decision without a reason
  await item.getByLabel("Reason").fill("no");
  await item.getByRole("button", { name: "Decide" }).click();
  await expect(item.getByText("Please give a reason (at least 3 characters).")).toBeVisible();
  await item.getByLabel("Reason").fill("Advertising for a shop, not a cause (house rules §2).");
  await item.getByRole("button", { name: "Decide" }).click();
  await expect(page.getByText("Suspended. The cause answers 410 and nothing is delivered for it.")).toBeVisible();

  // The public page is gone with a calm explanation, in both languages; the feed is 410 too.
  const gone = await visitorPage.goto(causePath);
  expect(gone!.status()).toBe(410);
  await expect(visitorPage.getByRole("heading", { name: `“${title}” is suspended` })).toBeVisible();
  await snap(visitorPage, "cause-suspended");
  await visitor.addCookies([{ name: "NEXT_LOCALE", value: "de", url: new URL(page.url()).origin }]);
  await visitorPage.goto(causePath);
  await expect(visitorPage.getByRole("heading", { name: `„${title}“ ist gesperrt` })).toBeVisible();
  await snap(visitorPage, "cause-suspended-de");
  expect((await request.get(`/api/feeds/c/${slug}/rss`)).status()).toBe(410);
  expect((await request.get(`/api/og/c/${slug}`)).status()).toBe(404);

  // The publisher sees why and appeals, once.
  await publisherPage.goto("/dashboard");
  const notice = publisherPage.getByTestId("moderation-notices");
  await expect(notice).toContainText(`Your cause “${title}” is suspended`);
  await expect(notice).toContainText("Advertising for a shop, not a cause (house rules §2).");
  await notice.getByLabel("Your appeal to the operators").fill("We changed the page: it is about fair trade now, not about selling.");
  await snap(publisherPage, "dashboard-suspended");
  await notice.getByRole("button", { name: "Send appeal" }).click();
  await expect(notice.getByRole("status")).toContainText(/You appealed on .*The operators will decide\./);
  await publisherPage.reload();
  await expect(notice).toContainText("You appealed on");
  await expect(notice.getByTestId("appeal-form")).toHaveCount(0);

  // The operator reads the appeal and lifts the suspension.
  await page.goto("/admin");
  const suspended = page.getByTestId("suspended-cause").filter({ hasText: title });
  await expect(suspended.getByTestId("appeal")).toContainText("it is about fair trade now");
  await suspended.getByLabel("Reason").fill("Appeal accepted: the page changed.");
  await suspended.getByRole("button", { name: "Lift the suspension" }).click();
  await expect(page.getByText("Lifted. The cause is back as it was.")).toBeVisible();
  expect((await visitorPage.goto(causePath))!.status()).toBe(200);
  expect((await request.get(`/api/feeds/c/${slug}/rss`)).status()).toBe(200);

  await page.goto("/admin/log");
  const log = page.getByTestId("moderation-log");
  await expect(log.getByRole("listitem").filter({ hasText: title })).toHaveCount(3);
  await expect(log).toContainText(`Suspension of cause “${title}” lifted`);
  await expect(log).toContainText(`Appeal for “${title}”`);
  await snap(page, "moderation-log");
  await Promise.all([publisher.close(), visitor.close()]);
});
