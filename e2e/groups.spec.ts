/**
 * Partner groups, only by mutual consent: A founds a group and invites B's cause with a note;
 * nothing joins until B accepts in the in-app inbox; the group page then shows both causes and
 * their updates; a reader follows the group and sees them in Mein Feed with the reason; when B
 * leaves, B's next update no longer appears. And: a declined cause cannot be re-invited for 30 days.
 */
import { expect, test } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { axeViolations, publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

async function publisher(browser: Browser, label: string, title: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, uniqueEmail(label), "/dashboard");
  const causePath = await publishCauseWithUpdate(page, title, `First news of ${title}`);
  return { context, page, causePath, title };
}

async function foundGroup(page: Page, name: string) {
  await page.goto("/dashboard/groups/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("The shared concern").fill("Safer streets for children on their way to school");
  await page.getByLabel("Description").fill("We **share** what works.");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(/\/dashboard\/groups\/[a-z0-9]+\?created=1$/);
  return page.url().replace(/\?created=1$/, "");
}

async function invite(page: Page, manageUrl: string, causeTitle: string, note: string) {
  await page.goto(`${manageUrl}?q=${encodeURIComponent(causeTitle)}`);
  const result = page.getByTestId("invite-result").filter({ hasText: causeTitle });
  await result.getByLabel(/Your note to the owner/).fill(note);
  await result.getByRole("button", { name: "Send invitation" }).click();
  // The page says so, and the invitation is listed as waiting; searching again shows it too.
  await expect(page.getByTestId("invited-notice")).toHaveText(`“${causeTitle}” is invited. Its owner sees the invitation and decides; nothing changes until they accept.`);
  await expect(page.getByTestId("sent-invitation").filter({ hasText: causeTitle })).toHaveAttribute("data-state", "pending");
  await page.goto(`${manageUrl}?q=${encodeURIComponent(causeTitle)}`);
  await expect(result.getByText("Already invited — waiting for an answer.")).toBeVisible();
}

test("A invites B, B accepts, a reader follows the group; when B leaves its news disappears", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const a = await publisher(browser, "alpha", `School Streets ${stamp}`);
  const b = await publisher(browser, "beta", `Walking Bus ${stamp}`);
  const groupName = `Safe Way to School ${stamp}`;

  const manageUrl = await foundGroup(a.page, groupName);
  await invite(a.page, manageUrl, b.title, "You walk the same streets as we do — shall we join forces?");
  await a.page.reload();
  await expect(a.page.getByTestId("open-invitations")).toHaveText("1 of 3 invitations open");
  await snap(a.page, "group-manage");
  expect(await axeViolations(a.page), "group admin page").toEqual([]);

  // Nothing joined yet: the group page has one member.
  const groupPath = (await a.page.getByRole("link", { name: /View page/ }).getAttribute("href"))!;
  await a.page.goto(groupPath);
  await expect(a.page.getByTestId("group-member")).toHaveCount(1);

  await b.page.goto("/dashboard");
  await expect(b.page.getByTestId("invitation-badge")).toHaveText("1");
  await b.page.getByRole("link", { name: /Partner groups/ }).click();
  const invitation = b.page.getByTestId("invitation").filter({ hasText: groupName });
  await expect(invitation.getByText("shall we join forces?")).toBeVisible();
  await snap(b.page, "group-inbox");
  await invitation.getByRole("button", { name: "Accept and join" }).click();
  await expect(b.page).toHaveURL(new RegExp(`${groupPath}\\?joined=1$`));
  await expect(b.page.getByText("You joined.", { exact: false })).toBeVisible();
  await expect(b.page.getByTestId("group-member")).toHaveCount(2);
  const stream = b.page.getByTestId("group-stream-item");
  await expect(stream.filter({ hasText: `First news of ${a.title}` })).toBeVisible();
  await expect(stream.filter({ hasText: `First news of ${b.title}` })).toBeVisible();
  await snap(b.page, "group-page");
  expect(await axeViolations(b.page), "group page").toEqual([]);

  // A reader follows the group and finds both causes' news in Mein Feed, with the reason.
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await signIn(reader, uniqueEmail("reader"), groupPath);
  await reader.getByTestId("follow-button").click();
  await expect(reader.getByTestId("follower-count")).toHaveText("1 follower");
  await reader.goto("/feed");
  const item = reader.getByTestId("feed-item").filter({ hasText: `First news of ${b.title}` });
  await expect(item.getByTestId("feed-why")).toContainText(`you follow the partner group “${groupName}”`);
  await expect(reader.getByTestId("feed-item").filter({ hasText: `First news of ${a.title}` })).toBeVisible();
  await snap(reader, "feed-group");
  expect(await axeViolations(reader), "Mein Feed with a group").toEqual([]);

  // B leaves; B's next update no longer appears in the group or the group follower's feed.
  await b.page.goto(manageUrl.replace(/\/dashboard\/groups\/.*/, "/dashboard/groups"));
  await b.page.getByRole("link", { name: groupName }).click();
  expect(await axeViolations(b.page), "group page for a member").toEqual([]);
  await b.page.getByTestId("leave-group").click();
  await expect(b.page).toHaveURL(/\/dashboard\/groups\?left=1$/);
  await expect(b.page.getByText("Your cause has left the group.", { exact: false })).toBeVisible();
  await publishUpdateOnCause(b.page, b.causePath, `After leaving ${stamp}`);
  await reader.goto(groupPath);
  await expect(reader.getByTestId("group-member")).toHaveCount(1);
  await expect(reader.getByText(`After leaving ${stamp}`)).toHaveCount(0);
  await reader.goto("/feed");
  await expect(reader.getByText(`After leaving ${stamp}`)).toHaveCount(0);

  for (const context of [a.context, b.context, readerContext]) await context.close();
});

async function publishUpdateOnCause(page: Page, causePath: string, title: string) {
  await page.goto(causePath);
  await page.getByRole("link", { name: /Manage this cause/ }).click();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Text").fill("Still going.");
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
}

test("B declines, and A cannot invite B again for 30 days", async ({ browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now();
  const a = await publisher(browser, "alpha", `Quiet Parks ${stamp}`);
  const b = await publisher(browser, "beta", `Night Owls ${stamp}`);
  const manageUrl = await foundGroup(a.page, `Green Quiet ${stamp}`);
  await invite(a.page, manageUrl, b.title, "Would you like to join?");

  await b.page.goto("/dashboard/groups");
  await b.page.getByTestId("invitation").filter({ hasText: `Green Quiet ${stamp}` }).getByRole("button", { name: "Decline" }).click();
  await expect(b.page.getByTestId("invitation")).toHaveCount(0);
  await expect(b.page.getByTestId("declined-notice")).toHaveText(`Declined. “Green Quiet ${stamp}” cannot invite this cause again for 30 days.`);
  await expect(b.page.getByTestId("invitation-badge")).toHaveCount(0);

  await a.page.goto(`${manageUrl}?q=${encodeURIComponent(b.title)}`);
  const result = a.page.getByTestId("invite-result").filter({ hasText: b.title });
  await expect(result.getByText(/Declined recently; can be invited again from/)).toBeVisible();
  await expect(result.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(a.page.getByTestId("sent-invitation").filter({ hasText: b.title })).toHaveAttribute("data-state", "declined");
  for (const context of [a.context, b.context]) await context.close();
});
