/**
 * Personal invitations (rule 5): a publisher writes one invitation for one person on the share
 * kit page and gets a link to pass on themselves; the invited person (signed out, in their own
 * browser) sees the note and the cause, signs in from Follow and follows — nothing before their
 * click. The publisher then sees "opened: yes, followed: yes" and nothing else; a withdrawn link
 * says it no longer holds.
 */
import { expect, test } from "./fixtures";
import { axeViolations, publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

test("a personal invitation is created, opened by the invited person, followed through, and withdrawn", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  await signIn(page, uniqueEmail("inviter"), "/dashboard/new");
  const causePath = await publishCauseWithUpdate(page, `Invitations ${Date.now()}`, "Hello");
  await page.getByRole("link", { name: "Open share kit" }).click();
  const section = page.getByTestId("invitations");
  await expect(section.getByText("No personal invitations yet")).toBeVisible();
  await expect(section.getByTestId("invitations-open")).toHaveText("No invitation open (at most 10).");

  // Refused without a name; then made, and shown with its link — nothing is sent.
  await section.getByLabel("Your message").fill("You told me about the river last week. This is the group I meant.");
  await section.getByRole("button", { name: "Create invitation link" }).click();
  await expect(section.getByText("Please say whom the invitation is for.")).toBeVisible();
  await section.getByLabel("For whom?").fill("Anna from the choir");
  await section.getByRole("button", { name: "Create invitation link" }).click();
  await expect(section.getByText("The link for Anna from the choir is ready.", { exact: false })).toBeVisible();
  const card = section.getByTestId("invitation-card").filter({ hasText: "Anna from the choir" });
  await expect(card.getByTestId("invitation-status")).toHaveText(/Opened:\s*no\s*Followed:\s*no/);
  const link = await card.getByTestId("invitation-url").inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/i/i-[a-z2-9]{26}$`));
  expect(await axeViolations(page)).toEqual([]);
  // The publisher looking at their own link is not "opened".
  await page.goto(link);
  await expect(page.getByTestId("invitation-note")).toBeVisible();

  // The invited person, in their own browser: the note, the cause, and nothing done for them.
  const invitee = await browser.newContext();
  const them = await invitee.newPage();
  await them.goto(link);
  await expect(them.getByRole("heading", { level: 1 })).toHaveText("Hello Anna from the choir,");
  await expect(them.getByTestId("invitation-note")).toHaveText("You told me about the river last week. This is the group I meant.");
  await expect(them.getByText("Nothing happens unless you follow yourself.", { exact: false })).toBeVisible();
  expect(await axeViolations(them)).toEqual([]);
  await them.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: link }]);
  await them.reload();
  await expect(them.getByRole("heading", { level: 1 })).toHaveText("Hallo Anna from the choir,");
  await snap(them, "invitation-de");
  await them.context().clearCookies({ name: "NEXT_LOCALE" });

  // Follow → sign in → back on the cause page, the follow completes by itself.
  await them.goto(link);
  await them.getByTestId("follow-button").click();
  await expect(them).toHaveURL(/\/signin/);
  await signIn(them, uniqueEmail("invited"), new URL(them.url()).searchParams.get("callbackUrl") ?? causePath);
  await expect(them.getByTestId("follow-button")).toHaveText("Leave");
  await invitee.close();

  // The publisher learns two things.
  await page.goBack();
  await page.reload();
  const seen = page.getByTestId("invitation-card").filter({ hasText: "Anna from the choir" });
  await expect(seen.getByTestId("invitation-status")).toHaveText(/Opened:\s*yes\s*Followed:\s*yes/);
  await expect(page.getByTestId("invitations-open")).toHaveText("1 invitation open (at most 10).");

  // Withdrawn: the link says so.
  await seen.getByRole("button", { name: "Withdraw the invitation for Anna from the choir" }).click();
  await expect(seen.getByText("Withdrawn").first()).toBeVisible();
  await page.goto(link);
  await expect(page.getByTestId("invitation-ended")).toContainText("This invitation no longer holds");
  await expect(page.getByRole("link", { name: /^To “Invitations/ })).toHaveAttribute("href", causePath);
});
