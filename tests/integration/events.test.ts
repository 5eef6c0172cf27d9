/**
 * Events and calls to action, on SQLite and PostgreSQL: a publisher posts an event (wall-clock
 * times in its zone) and a call; pages' calendars — one event, a cause's, a group's — are valid
 * iCalendar read back by an independent parser (ical.js) with the right instants, place and
 * permalink; hidden, deleted and draft ones never appear; a correction moves the date under the
 * same UID. Feeds carry the facts above the text.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { GET as causeCalendarRoute } from "@/app/api/calendar/c/[slug]/route";
import { GET as groupCalendarRoute } from "@/app/api/calendar/g/[slug]/route";
import { GET as eventCalendarRoute } from "@/app/api/calendar/u/[updateId]/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { causeFeedDocument } from "@/lib/feed/documents";
import { getCauseFeedUpdates } from "@/lib/feed/queries";
import { correctUpdate, publishUpdate } from "@/lib/update/mutations";
import { correctUpdateSchema, publishUpdateSchema } from "@/lib/update/schema";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const day = (inDays: number) => new Date(Date.now() + inDays * 86_400_000).toISOString().slice(0, 10);
const call = async <P,>(route: (r: Request, c: { params: Promise<P> }) => Promise<Response>, params: P) => route(new Request(env.APP_URL), { params: Promise.resolve(params) });
const parse = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));

async function postEvent(owner: { id: string }, topicId: string, title: string, inDays = 7) {
  const input = publishUpdateSchema.parse({
    topicId,
    kind: "event",
    title,
    body: "Bring **gloves**.",
    startsAt: `${day(inDays)}T10:00`,
    endsAt: `${day(inDays)}T12:30`,
    timeZone: "Europe/Berlin",
    place: "Oberbaumbrücke, Nordufer",
  });
  return publishUpdate(owner, input);
}

describe("events", () => {
  it("are stored as instants in their zone and read back by an independent iCalendar parser", async () => {
    const owner = await createUser("events");
    const cause = await createPublishedCause(owner.id);
    const event = await postEvent(owner, cause.id, "Sammelaktion am Ufer");
    expect(event).toMatchObject({ kind: "event", place: "Oberbaumbrücke, Nordufer", timeZone: "Europe/Berlin" });

    const response = await call(eventCalendarRoute, { updateId: event.id });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const [parsed] = parse(await response.text());
    expect(parsed.summary).toBe("Sammelaktion am Ufer");
    expect(parsed.location).toBe("Oberbaumbrücke, Nordufer");
    expect(parsed.uid).toBe(`${event.id}@${new URL(env.APP_URL).host}`);
    expect(parsed.startDate.toJSDate().getTime()).toBe(event.startsAt!.getTime());
    expect(parsed.endDate.toJSDate().getTime()).toBe(event.endsAt!.getTime());
    expect(parsed.description).toContain(`/c/${cause.slug}/u/${event.id}`);
    // 10:00 in Berlin is 09:00 or 08:00 UTC, never 10:00 UTC.
    expect([8, 9]).toContain(event.startsAt!.getUTCHours());

    // A correction moves it under the same UID, with a higher sequence.
    const moved = await correctUpdate(
      owner,
      correctUpdateSchema.parse({
        updateId: event.id,
        title: "Sammelaktion am Ufer",
        body: "Bring **gloves**.",
        note: "Eine Woche später",
        kind: "event",
        startsAt: `${day(14)}T10:00`,
        timeZone: "Europe/Berlin",
        place: "Oberbaumbrücke",
      }),
    );
    expect(moved).toMatchObject({ kind: "event", place: "Oberbaumbrücke", endsAt: null });
    const [again] = parse(await (await call(eventCalendarRoute, { updateId: event.id })).text());
    expect(again.uid).toBe(parsed.uid);
    expect(again.startDate.toJSDate().getTime()).toBe(moved.startsAt!.getTime());
    expect(again.sequence).toBeGreaterThan(parsed.sequence);
  });

  it("a cause's and a group's calendars hold their visible events only", async () => {
    const owner = await createUser("events");
    const cause = await createPublishedCause(owner.id);
    const partner = await createPublishedCause(owner.id);
    const group = await db.partnerGroup.create({
      data: { slug: `group-${stamp()}`, name: "Grüne Stadt", concern: "Grün", adminTopicId: cause.id, memberships: { create: [{ topicId: cause.id }, { topicId: partner.id }] } },
    });
    const shown = await postEvent(owner, cause.id, "Erstes Treffen", 3);
    const hidden = await postEvent(owner, cause.id, "Versteckt", 4);
    await db.update.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });
    const ofPartner = await postEvent(owner, partner.id, "Beim Partner", 5);
    await publishUpdate(owner, publishUpdateSchema.parse({ topicId: cause.id, title: "Nur eine Neuigkeit", body: "Kein Termin." }));

    const causeEvents = parse(await (await call(causeCalendarRoute, { slug: cause.slug })).text());
    expect(causeEvents.map((e) => e.summary)).toEqual(["Erstes Treffen"]);
    const groupEvents = parse(await (await call(groupCalendarRoute, { slug: group.slug })).text());
    expect(groupEvents.map((e) => e.summary).sort()).toEqual(["Beim Partner", "Erstes Treffen"]);

    for (const response of [
      await call(eventCalendarRoute, { updateId: hidden.id }),
      await call(causeCalendarRoute, { slug: "no-such-cause" }),
      await call(groupCalendarRoute, { slug: "no-such-group" }),
    ]) {
      expect(response.status).toBe(404);
    }
    await db.topic.update({ where: { id: partner.id }, data: { status: "draft" } });
    expect((await call(eventCalendarRoute, { updateId: ofPartner.id })).status).toBe(404);
    expect((await call(causeCalendarRoute, { slug: partner.slug })).status).toBe(404);
    expect(shown.id).toBeTruthy();
  });

  it("feeds show when and where above the text, in the event's zone", async () => {
    const owner = await createUser("events");
    const cause = await createPublishedCause(owner.id);
    await postEvent(owner, cause.id, "Sammelaktion");
    const document = causeFeedDocument(cause, await getCauseFeedUpdates(cause.id), new Date());
    const html = document.entries[0].contentHtml;
    expect(html).toMatch(/^<p><strong>Wann: .+10:00.+MEZ<\/strong><\/p><p><strong>Wo: Oberbaumbrücke, Nordufer<\/strong><\/p>/);
  });
});

describe("calls to action", () => {
  it("keep their deadline and link; feeds name both", async () => {
    const owner = await createUser("calls");
    const cause = await createPublishedCause(owner.id, { language: "en" });
    const update = await publishUpdate(
      owner,
      publishUpdateSchema.parse({ topicId: cause.id, kind: "call", title: "Sign the petition", body: "Please sign.", deadline: `${day(10)}T18:00`, timeZone: "Europe/London", callUrl: "https://petition.example/river" }),
    );
    expect(update).toMatchObject({ kind: "call", callUrl: "https://petition.example/river", timeZone: "Europe/London" });
    const html = causeFeedDocument(cause, await getCauseFeedUpdates(cause.id), new Date()).entries[0].contentHtml;
    expect(html).toContain("Take part until");
    expect(html).toContain("Take part: https://petition.example/river");
    // A call is no calendar event.
    expect((await call(eventCalendarRoute, { updateId: update.id })).status).toBe(404);
  });
});
