/**
 * The whole email story, end to end: a reader without an account follows a cause by email,
 * confirms from the mail that arrived, switches to a daily digest; the publisher posts an update;
 * the delivery worker (a real `scripts/worker.ts --once` process) runs the next morning in the
 * reader's time zone and sends the digest over real SMTP to a server started inside this test; the
 * digest says why it came; the reader leaves with one POST to the mail's List-Unsubscribe URL
 * (RFC 8058), and the preferences page then shows they left.
 */
import { expect, test } from "./fixtures";
import { DateTime } from "luxon";
import { parseMail } from "../tests/support/mime";
import { startSmtpServer } from "../tests/support/smtp";
import { publishCauseWithUpdate, runWorkerOnce, signIn, snap, uniqueEmail } from "./helpers";

/** One worker pass that mails through the SMTP server started in this test. */
const runWorker = (smtpUrl: string, now: Date) => runWorkerOnce({ MAIL_TRANSPORT: "smtp", SMTP_URL: smtpUrl }, now);

test.use({ timezoneId: "Europe/Berlin" });

test("follow by email → confirm from the mail → daily digest → publish → worker → digest with why → one-click leave", async ({ browser }) => {
  test.setTimeout(120_000);
  const smtp = await startSmtpServer();
  try {
    // The publisher has a published cause with one older update.
    const publisher = await browser.newPage();
    const stamp = Date.now().toString(36);
    await signIn(publisher, uniqueEmail("story-publisher"), "/dashboard");
    const causePath = await publishCauseWithUpdate(publisher, `Story cause ${stamp}`, `Before you followed ${stamp}`);

    // A reader with no account follows it by email.
    const reader = await browser.newPage();
    const address = uniqueEmail("story-reader");
    await reader.goto(causePath);
    await reader.getByText("Follow by email instead — no account needed").click();
    const form = reader.getByTestId("email-follow");
    await form.getByLabel("Email address").fill(address);
    await form.getByRole("button", { name: "Send confirmation mail" }).click();
    await expect(form.getByRole("status")).toContainText("Check your inbox.");

    // The confirmation mail arrived (development mails land in the outbox); its link opens a page
    // whose button confirms.
    await reader.goto("/dev/outbox");
    const mail = reader.locator(`[data-testid="outbox-mail"][data-to="${address}"]`).first();
    await expect(mail).toContainText("Please confirm");
    await reader.goto((await mail.getByTestId("outbox-link").first().getAttribute("href"))!);
    await reader.getByTestId("confirm-email").click();
    await expect(reader).toHaveURL(/\/email\/preferences\/[^/?]+\?confirmed=1$/);
    const preferencesUrl = reader.url().replace(/\?confirmed=1$/, "");

    // Daily digest, in the reader's own time zone (the browser's, Europe/Berlin), default quiet hours.
    const prefs = reader.getByTestId("preferences-form");
    await expect(prefs.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
    await prefs.getByLabel("Daily digest", { exact: true }).check();
    await prefs.getByRole("button", { name: "Save settings" }).click();
    await expect(reader.getByText("Saved. The change is in your consent ledger below.")).toBeVisible();

    // The publisher posts. Publishing sends nothing: the worker has nothing due today.
    const manage = publisher.locator("form").filter({ has: publisher.getByRole("button", { name: "Publish update" }) });
    const updateTitle = `Cleanup on Saturday ${stamp}`;
    await manage.getByLabel("Title").fill(updateTitle);
    await manage.getByLabel("Text").fill(`Bring gloves: we meet at the bridge at ten (${stamp}).`);
    await manage.getByRole("button", { name: "Publish update" }).click();
    await expect(publisher.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
    await runWorker(smtp.url, new Date());
    expect(smtp.received.filter((m) => m.to.includes(address))).toHaveLength(0);

    // Tomorrow at 09:00 in Berlin (after the default quiet hours) the daily digest is due.
    const nineInBerlin = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0 }).toJSDate();
    await runWorker(smtp.url, nineInBerlin);
    const digests = smtp.received.filter((m) => m.to.includes(address));
    expect(digests).toHaveLength(1);
    const digest = parseMail(digests[0].raw);
    for (const part of [digest.text, digest.html]) {
      expect(part).toContain(updateTitle);
      expect(part).not.toContain(`Before you followed ${stamp}`);
      expect(part).toContain(`You confirmed ${address} for`);
      expect(part).toContain("a daily digest");
    }
    expect(digest.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const oneClickUrl = /^<(https?:\/\/[^>]+)>$/.exec(digest.headers.get("list-unsubscribe") ?? "")?.[1];
    expect(oneClickUrl).toBeDefined();

    // A second run the same morning sends nothing more.
    await runWorker(smtp.url, new Date(nineInBerlin.getTime() + 3600_000));
    expect(smtp.received.filter((m) => m.to.includes(address))).toHaveLength(1);

    // One click in the mail client: an RFC 8058 POST to the header URL, no cookies, no page.
    const oneClick = await reader.request.post(oneClickUrl!, { form: { "List-Unsubscribe": "One-Click" } });
    expect(oneClick.status()).toBe(200);
    await reader.goto(preferencesUrl);
    await expect(reader.getByTestId("consent-ledger").getByTestId("ledger-entry").first()).toHaveAttribute("data-action", "leave");
    await snap(reader, "email-story-after-one-click-leave");

    // Nothing arrives after leaving, even when the next digest would be due.
    await manage.getByLabel("Title").fill(`After leaving ${stamp}`);
    await manage.getByLabel("Text").fill(`Totally different text about the river festival (${stamp}).`);
    await manage.getByRole("button", { name: "Publish update" }).click();
    await expect(publisher.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
    await runWorker(smtp.url, new Date(nineInBerlin.getTime() + 24 * 3600_000));
    expect(smtp.received.filter((m) => m.to.includes(address))).toHaveLength(1);
  } finally {
    await smtp.close();
  }
});
