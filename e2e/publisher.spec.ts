/**
 * Story (a): a newcomer signs in through the dev outbox link, creates a cause as a draft,
 * publishes it and posts an update that appears on the public page — nothing is sent.
 */
import { expect, test } from "./fixtures";
import { publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

test("a newcomer publishes a cause and posts an update", async ({ page }) => {
  const email = uniqueEmail("publisher");
  await page.goto("/signin");
  await snap(page, "signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page.getByText(`We sent a sign-in link to ${email}.`)).toBeVisible();
  await snap(page, "check-email");

  await page.goto("/dev/outbox");
  await expect(page.locator(`[data-to="${email}"]`)).toBeVisible();
  await snap(page, "dev-outbox");
  await page.locator(`[data-to="${email}"]`).getByTestId("outbox-link").first().click();
  await expect(page.getByRole("heading", { name: "Sign in to Herzensthema" })).toBeVisible();
  await snap(page, "signin-confirm");
  await page.getByTestId("confirm-sign-in").click();
  await expect(page).toHaveURL(/\/feed$/);
  await expect(page.getByRole("heading", { name: "Your feed is empty — on purpose" })).toBeVisible();
  await snap(page, "feed-empty");

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "You have not started a cause yet" })).toBeVisible();
  await snap(page, "dashboard-empty");

  await page.goto("/dashboard/new");
  await snap(page, "cause-new");
  const title = `Clean River ${Date.now()}`;
  const causePath = await publishCauseWithUpdate(page, title, "We start on Saturday");
  await snap(page, "cause-manage");

  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByTestId("cause-status").first()).toHaveText("Published");
  await snap(page, "dashboard");

  await page.goto(causePath);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "We start on Saturday" })).toBeVisible();
  await expect(page.locator(".prose-cause a[href='https://example.org/notes']")).toHaveAttribute("rel", "nofollow ugc noopener");
  await expect(page.getByTestId("follower-count")).toHaveText("No followers yet");
  await snap(page, "cause-page");

  await page.getByRole("link", { name: "We start on Saturday" }).click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9-]+\/u\/[a-z0-9]+$/);
  await snap(page, "update-permalink");
});

test("the push budget and the repetition guard explain themselves and publish nothing", async ({ page }) => {
  await signIn(page, uniqueEmail("eager"), "/dashboard/new");
  await page.getByLabel("Title").fill(`Eager Cause ${Date.now()}`);
  await page.getByLabel("Updates per week, at most").selectOption("2");
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.getByTestId("status-button").click();
  await expect(page.getByTestId("push-budget")).toHaveText("0 of 2 updates used in the last 7 days.");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });
  const post = async (title: string, body: string) => {
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Text").fill(body);
    await form.getByRole("button", { name: "Publish update" }).click();
  };
  await post("Meeting on Saturday", "We meet at 10 at the bridge.");
  await expect(page.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
  await post("Meeting on Saturday!", "We meet at 10 at the bridge");
  await expect(page.getByText(/This is almost the same as an update from/)).toBeVisible();
  await post("Gloves arrived", "A neighbour brought twenty pairs.");
  await expect(page.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
  await post("One more thing", "Something else entirely, about bikes.");
  await expect(page.getByText(/This cause has used its 2 updates for these 7 days\. The next one can go out from/)).toBeVisible();
  await snap(page, "cause-manage-budget");
  await page.getByRole("link", { name: /View page/ }).click();
  await expect(page.getByTestId("budget-note")).toHaveText("At most 2 updates a week");
  await expect(page.locator("section[aria-labelledby=updates-heading] article")).toHaveCount(2);
});

test("a typo can be corrected (same entry, a dated note, no budget used) and an update deleted (gone from page and feed)", async ({ page, request }) => {
  await signIn(page, uniqueEmail("typo"), "/dashboard/new");
  const title = `Typo Cause ${Date.now()}`;
  const causePath = await publishCauseWithUpdate(page, title, "Meeting at 11");
  const manage = page.url();
  await expect(page.getByTestId("push-budget")).toHaveText("1 of 3 updates used in the last 7 days.");

  await page.getByRole("link", { name: "Correct or delete: Meeting at 11" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Correct an update");
  await snap(page, "update-correct");
  // The same page in German, for a person to look at.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Neuigkeit korrigieren");
  await snap(page, "update-correct-de");
  await page.context().clearCookies({ name: "NEXT_LOCALE" });
  await page.reload();
  await page.getByLabel("Title").fill("Meeting at 10");
  await page.getByLabel("Text").fill("We meet at **10**, not 11.");
  // The note is required: readers see what changed.
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(page.getByText("Please say in a few words what you corrected (at least 3 characters).")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Meeting at 10");
  await page.getByLabel("What did you correct?").fill("Time corrected: 10, not 11");
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(page.getByTestId("corrected-notice")).toBeVisible();
  await expect(page.getByTestId("push-budget")).toHaveText("1 of 3 updates used in the last 7 days.");

  await page.goto(causePath);
  const article = page.locator("section[aria-labelledby=updates-heading] article");
  await expect(article).toHaveCount(1);
  await expect(article.getByRole("heading")).toHaveText("Meeting at 10");
  await expect(article.getByTestId("correction-note")).toContainText("Time corrected: 10, not 11");
  const feed = await (await request.get(`/api/feeds/c/${causePath.split("/").pop()}/atom`)).text();
  expect(feed.match(/<entry>/g)).toHaveLength(1);
  expect(feed).toContain("Meeting at 10");
  expect(feed).not.toContain("Meeting at 11");

  // Deleting asks once more, then it is gone everywhere.
  await page.goto(manage);
  await page.getByRole("link", { name: "Correct or delete: Meeting at 10" }).click();
  await page.getByTestId("delete-update").click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("delete-update").click();
  // The feed was just read, so this process remembers it for a second; the deletion (a server
  // action, bundled apart from the feed's route handler) must end that memory at once.
  const feedPath = `/api/feeds/c/${causePath.split("/").pop()}/atom`;
  expect(await (await request.get(feedPath)).text()).toContain("<entry>");
  await page.getByRole("button", { name: "Yes, delete it for good" }).click();
  await expect(page.getByTestId("deleted-notice")).toBeVisible();
  expect(await (await request.get(feedPath)).text()).not.toContain("<entry>");
  await page.goto(causePath);
  await expect(page.locator("section[aria-labelledby=updates-heading] article")).toHaveCount(0);
});

test("tags appear as typed, in any script; a tag without a letter is refused in words", async ({ page }) => {
  await signIn(page, uniqueEmail("tags"), "/dashboard/new");
  const title = `Baumpaten ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Tags").fill("Bäume, حديقة الحي, 🌳");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("“🌳” cannot be a tag: a tag needs at least one letter or digit.")).toBeVisible();
  await expect(page.getByLabel("Tags")).toHaveValue("Bäume, حديقة الحي, 🌳");
  await page.getByLabel("Tags").fill("Bäume, حديقة الحي, BÄUME");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/dashboard\/causes\/[a-z0-9]+\?created=1$/);
  // The edit form shows them as typed, each once.
  await expect(page.getByLabel("Tags")).toHaveValue("Bäume, حديقة الحي");
  await page.getByTestId("status-button").click();
  await expect(page.getByRole("status").filter({ hasText: "Published. Your cause is now public." })).toBeVisible();

  await page.goto(await page.getByRole("link", { name: /View page/ }).getAttribute("href") as string);
  await expect(page.getByRole("link", { name: "#حديقة الحي" })).toBeVisible();
  await page.getByRole("link", { name: "#Bäume" }).click();
  await expect(page).toHaveURL(/\/explore\?tag=baeume$/);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  // Any spelling of the tag finds it, also the Arabic one.
  await page.goto(`/explore?tag=${encodeURIComponent("BÄUME")}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.goto(`/explore?tag=${encodeURIComponent("حديقة الحي")}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});
