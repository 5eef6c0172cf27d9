/**
 * Events and calls to action, as a publisher and a reader see them: the publisher picks "Event",
 * gives start, end, time zone and place, and publishes; the cause page shows when and where in the
 * event's zone with "Add to calendar", whose .ics an independent parser (ical.js) reads back with
 * the same instant; the cause's calendar can be subscribed to. A call shows its deadline and link.
 * Mistakes are named at the field. The demo's past event is marked as past.
 */
import ICAL from "ical.js";
import { expect, test } from "./fixtures";
import { publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test("a publisher posts an event and a call; readers see when, where and until when, and take the event into their calendar", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signIn(page, uniqueEmail("events"), "/dashboard/new");
  const causePath = await publishCauseWithUpdate(page, `Events ${Date.now()}`, "Hello");
  const manage = page.url();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });

  // Event: the fields appear with the choice; mistakes are named at the field.
  await form.getByRole("radio", { name: /^Event/ }).check();
  await expect(form.getByTestId("event-fields")).toBeVisible();
  await form.getByLabel("Title").fill("Clean-up at the bridge");
  await form.getByLabel("Text").fill("Bring **gloves**; we have bags.");
  await form.getByLabel("Starts").fill(`${inDays(9)}T10:00`);
  await form.getByLabel("Ends (optional)").fill(`${inDays(9)}T09:00`);
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(form.getByText("The end must come after the start.")).toBeVisible();
  await expect(form.getByText("Please give a place or an online link.")).toBeVisible();
  await snap(page, "event-form-errors");
  await form.getByLabel("Ends (optional)").fill(`${inDays(9)}T12:30`);
  await form.getByLabel("Time zone").selectOption("America/New_York");
  await form.getByLabel("Place or online link").fill("Brooklyn Bridge Park, Pier 1");
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByText(/^Published\. Followers see it/)).toBeVisible();

  // Call to action.
  await form.getByRole("radio", { name: /^Call to action/ }).check();
  await form.getByLabel("Title").fill("Sign the river petition");
  await form.getByLabel("Text").fill("Three minutes, and the council has to listen.");
  await form.getByLabel("Deadline", { exact: true }).fill(`${inDays(20)}T18:00`);
  await form.getByLabel("Link to take part (optional)").fill("javascript:alert(1)");
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(form.getByText("Please give a full web address starting with https://.")).toBeVisible();
  await form.getByLabel("Link to take part (optional)").fill("https://petition.example/river");
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByText(/^Published\. Followers see it/)).toBeVisible();

  // The reader's view: when (in New York time, named), where, add to calendar; the call's deadline and link.
  await page.goto(causePath);
  const event = page.locator("article").filter({ hasText: "Clean-up at the bridge" });
  const details = event.getByTestId("event-details");
  await expect(details).toContainText("10:00");
  await expect(details).toContainText(/EST|EDT|GMT-[45]/);
  await expect(details).toContainText("Brooklyn Bridge Park, Pier 1");
  await expect(event.getByTestId("past-badge")).toHaveCount(0);
  const call = page.locator("article").filter({ hasText: "Sign the river petition" });
  await expect(call.getByTestId("call-details")).toContainText("Take part until");
  await expect(call.getByRole("link", { name: "Take part" })).toHaveAttribute("href", "https://petition.example/river");
  await snap(page, "event-on-cause-page");

  // "Add to calendar": an .ics that another parser reads back with the same instant and place.
  const icsPath = await event.getByTestId("add-to-calendar").getAttribute("href");
  const ics = await request.get(icsPath!);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const [vevent] = new ICAL.Component(ICAL.parse(await ics.text())).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  expect(vevent.summary).toBe("Clean-up at the bridge");
  expect(vevent.location).toBe("Brooklyn Bridge Park, Pier 1");
  const start = vevent.startDate.toJSDate();
  expect(new Intl.DateTimeFormat("sv", { timeZone: "America/New_York", dateStyle: "short", timeStyle: "short" }).format(start)).toBe(`${inDays(9)} 10:00`);

  // The cause's calendar, to subscribe to.
  const subscribe = page.getByTestId("calendar-link").getByRole("link").first();
  await expect(subscribe).toHaveAttribute("href", /^webcal:\/\/.+\/api\/calendar\/c\//);
  const calendar = await request.get(`/api/calendar/c/${causePath.split("/").pop()}`);
  expect(await calendar.text()).toContain("SUMMARY:Clean-up at the bridge");

  // The event can be moved by a correction; the kind stays.
  await page.goto(manage);
  await page.getByRole("link", { name: "Correct or delete: Clean-up at the bridge" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Correct an update");
  await expect(page.getByLabel("Starts")).toHaveValue(`${inDays(9)}T10:00`);
  await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
  await page.getByLabel("Starts").fill(`${inDays(10)}T11:00`);
  await page.getByLabel("Ends (optional)").fill("");
  await page.getByLabel("What did you correct?").fill("Moved to the next day, 11:00");
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(page.getByTestId("corrected-notice")).toBeVisible();
  await page.goto(causePath);
  await expect(page.locator("article").filter({ hasText: "Clean-up at the bridge" }).getByTestId("event-details")).toContainText("11:00");
});

test("the demo's past event is marked as past, in German too", async ({ page }) => {
  await page.goto("/c/schatten-fuer-schulhoefe");
  const past = page.locator("article").filter({ hasText: "Infoabend im Rathaus" });
  await expect(past.getByTestId("past-badge")).toHaveText("Past");
  await expect(past.getByTestId("add-to-calendar")).toHaveCount(0);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: page.url() }]);
  await page.reload();
  await expect(past.getByTestId("past-badge")).toHaveText("Vorbei");
  await expect(past.getByTestId("event-details")).toContainText("Rathaus Schöneberg");
  await snap(page, "event-past-de");
});
