/**
 * Hostile review of events and calls to action — what a publisher can type. Line breaks, bidi
 * overrides and megabyte values in title, place and link; javascript:/data: links; odd time-zone
 * names; daylight-saving gaps and overlaps; ends before starts; the years 0001 and 9999 (and the
 * instants just past them that a zone far west or east of UTC turns them into); corrections that
 * try to change the kind or touch another owner's update.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { GET as causeCalendarRoute } from "@/app/api/calendar/c/[slug]/route";
import { GET as groupCalendarRoute } from "@/app/api/calendar/g/[slug]/route";
import { GET as eventCalendarRoute } from "@/app/api/calendar/u/[updateId]/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { causeFeedDocument } from "@/lib/feed/documents";
import { getCauseFeedUpdates } from "@/lib/feed/queries";
import { correctUpdate, publishUpdate } from "@/lib/update/mutations";
import { onlineLink } from "@/lib/update/rules";
import { correctUpdateSchema, publishUpdateSchema } from "@/lib/update/schema";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const call = async <P,>(route: (r: Request, c: { params: Promise<P> }) => Promise<Response>, params: P) => route(new Request(env.APP_URL), { params: Promise.resolve(params) });
const parse = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
const errorKey = (promise: Promise<unknown>) => promise.then(() => null, (error) => (error instanceof DomainError ? error.key : String(error)));
const day = (inDays: number) => new Date(Date.now() + inDays * 86_400_000).toISOString().slice(0, 10);
const MB = "x".repeat(1024 * 1024);

const event = (topicId: string, extra: Record<string, unknown> = {}) => ({
  topicId,
  kind: "event",
  title: `Treffen ${stamp()}`,
  body: `Text ${stamp()}`,
  startsAt: `${day(20)}T10:00`,
  timeZone: "Europe/Berlin",
  place: "Rathausplatz",
  ...extra,
});
const callToAction = (topicId: string, extra: Record<string, unknown> = {}) => ({
  topicId,
  kind: "call",
  title: `Aufruf ${stamp()}`,
  body: `Text ${stamp()}`,
  deadline: `${day(20)}T18:00`,
  timeZone: "Europe/Berlin",
  ...extra,
});
/** The validation messages of a refused input, by field. */
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`);

describe("what a publisher types into an event or call", () => {
  it("line breaks, bidi overrides and megabyte values are refused in title, place, link and zone", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "Treffen\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Evil" }, "title:lineBreak"],
      [{ title: "Treffen\u2028LOCATION:Evil" }, "title:lineBreak"],
      [{ place: "Ufer\r\nATTACH:https://evil.example/x.exe" }, "place:lineBreak"],
      [{ place: "Ufer\nX-EVIL:1" }, "place:lineBreak"],
      [{ place: "Ufer\u2029X" }, "place:lineBreak"],
      [{ place: "txt.\u202Eexe" }, "place:bidiControl"],
      [{ title: "Tre\u2066ffen\u2069" }, "title:bidiControl"],
      [{ place: MB }, "place:placeTooLong"],
      [{ title: MB }, "title:titleTooLong"],
      [{ timeZone: MB }, "timeZone:timeZoneInvalid"],
      [{ startsAt: MB }, "startsAt:dateTimeInvalid"],
    ];
    for (const [extra, expected] of cases) {
      expect(issues(publishUpdateSchema.safeParse(event("c1", extra))), expected).toContain(expected);
    }
    expect(issues(publishUpdateSchema.safeParse(callToAction("c1", { callUrl: `https://a.example/${MB}` })))).toContain("callUrl:callUrlInvalid");
    // Control characters other than line breaks are dropped silently (never stored), not refused.
    const cleaned = publishUpdateSchema.parse(event("c1", { place: "Ufer\u0000\u0007\u001b[31m" }));
    expect(cleaned.place).toBe("Ufer[31m");
    // A 1 MB body is refused too, with its own message.
    expect(issues(publishUpdateSchema.safeParse(event("c1", { body: MB })))).toContain("body:bodyTooLong");
  });

  it("javascript:, data: and other non-web addresses never become a call's link, and a place becomes a link only when it is one http(s) address", () => {
    for (const bad of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "//evil.example/x",
      "/relative",
      "https://evil.example/ x",
      "mailto:a@b.example",
    ]) {
      expect(issues(publishUpdateSchema.safeParse(callToAction("c1", { callUrl: bad }))), bad).toContain("callUrl:callUrlInvalid");
    }
    // A well-formed address is stored normalised.
    expect(publishUpdateSchema.parse(callToAction("c1", { callUrl: "HTTPS://Petition.Example/a b".replace(" ", "%20") })).callUrl).toBe("https://petition.example/a%20b");
    // An event has no call link: what a form sends for it is dropped, and a call has no place.
    expect(publishUpdateSchema.parse(event("c1", { callUrl: "javascript:alert(1)" })).callUrl).toBeNull();
    expect(publishUpdateSchema.parse(callToAction("c1", { place: "javascript:alert(1)" })).place).toBeNull();

    // A place that is no http(s) address stays text.
    for (const place of ["javascript:alert(1)", "data:text/html,<b>x</b>", "JavaScript:alert(document.cookie)", "vbscript:x", "https://a.example und Saal 3", "//evil.example", "ftp://files.example/x"]) {
      expect(publishUpdateSchema.parse(event("c1", { place })).place, place).toBe(place);
      expect(onlineLink(place), place).toBeNull();
    }
    expect(onlineLink("https://meet.example/room")).toBe("https://meet.example/room");
  });

  it("time zones: names only, canonical, no paths or offsets", () => {
    const zoneOf = (timeZone: string) => {
      const result = publishUpdateSchema.safeParse(event("c1", { timeZone }));
      return result.success ? result.data.timeZone : issues(result).join(",");
    };
    expect(zoneOf("UTC")).toBe("UTC");
    expect(zoneOf("utc")).toBe("UTC");
    expect(zoneOf("europe/berlin")).toBe("Europe/Berlin");
    expect(zoneOf("  Europe/Berlin ")).toBe("Europe/Berlin");
    expect(zoneOf("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(zoneOf("Etc/GMT-14")).toBe("Etc/GMT-14");
    for (const bad of ["Etc/GMT+14", "../../etc", "../../../etc/passwd", "Europe/../Berlin", "/etc/localtime", "+01:00", "-0500", "Europe/Berlin\r\nX-EVIL:1", "Mars/Olympus_Mons", "", "Europe/Berlin/../../x"]) {
      expect(zoneOf(bad), JSON.stringify(bad)).toBe("timeZone:timeZoneInvalid");
    }
    // The same wall-clock time is a different instant in each zone: 10:00 at UTC+14 is 20:00 the day before in UTC.
    const east = publishUpdateSchema.parse(event("c1", { timeZone: "Etc/GMT-14", startsAt: "2030-06-01T10:00" }));
    expect(east.startsAt!.toISOString()).toBe("2030-05-31T20:00:00.000Z");
    const utc = publishUpdateSchema.parse(event("c1", { timeZone: "UTC", startsAt: "2030-06-01T10:00" }));
    expect(utc.startsAt!.toISOString()).toBe("2030-06-01T10:00:00.000Z");
  });

  it("daylight saving: a time in the gap is refused, one in the overlap is one fixed instant; ends before starts are refused", () => {
    // Europe/Berlin 2030-03-31: 02:00 → 03:00; America/New_York 2030-03-10: 02:00 → 03:00.
    expect(issues(publishUpdateSchema.safeParse(event("c1", { startsAt: "2030-03-31T02:30" })))).toContain("startsAt:timeNotInZone");
    expect(issues(publishUpdateSchema.safeParse(event("c1", { startsAt: "2030-03-31T01:30", endsAt: "2030-03-31T02:00" })))).toContain("endsAt:timeNotInZone");
    expect(issues(publishUpdateSchema.safeParse(event("c1", { timeZone: "America/New_York", startsAt: "2030-03-10T02:30" })))).toContain("startsAt:timeNotInZone");
    expect(issues(publishUpdateSchema.safeParse(callToAction("c1", { deadline: "2030-03-31T02:59" })))).toContain("deadline:timeNotInZone");
    // Europe/Berlin 2030-10-27: 03:00 → 02:00, 02:30 happens twice (00:30 and 01:30 UTC).
    const overlap = publishUpdateSchema.parse(event("c1", { startsAt: "2030-10-27T02:30" }));
    expect(["2030-10-27T00:30:00.000Z", "2030-10-27T01:30:00.000Z"]).toContain(overlap.startsAt!.toISOString());
    expect(publishUpdateSchema.parse(event("c1", { startsAt: "2030-10-27T02:30" })).startsAt!.getTime()).toBe(overlap.startsAt!.getTime());

    // End before or at the start, across days and zones.
    expect(issues(publishUpdateSchema.safeParse(event("c1", { startsAt: "2030-06-01T10:00", endsAt: "2030-06-01T09:59" })))).toContain("endsAt:eventEndBeforeStart");
    expect(issues(publishUpdateSchema.safeParse(event("c1", { startsAt: "2030-06-01T10:00", endsAt: "2030-06-01T10:00" })))).toContain("endsAt:eventEndBeforeStart");
    expect(issues(publishUpdateSchema.safeParse(event("c1", { startsAt: "2030-06-02T00:00", endsAt: "2030-06-01T23:59" })))).toContain("endsAt:eventEndBeforeStart");
    // Malformed times: never silently moved.
    for (const bad of ["2030-02-30T10:00", "2030-13-01T10:00", "2030-06-01T24:00", "2030-06-01T10:60", "2030-06-01 10:00", "2030-06-01T10:00Z", "2030-06-01T10:00+02", "10:00", "morgen"]) {
      expect(publishUpdateSchema.safeParse(event("c1", { startsAt: bad })).success, bad).toBe(false);
    }
    // In the past: refused on publishing (also when only the start is past but no end is given).
    expect(issues(publishUpdateSchema.safeParse(event("c1", { startsAt: "2020-06-01T10:00" })))).toContain("startsAt:eventInPast");
    expect(issues(publishUpdateSchema.safeParse(event("c1", { startsAt: "0001-01-01T10:00" })))).toContain("startsAt:dateOutOfRange");
    expect(issues(publishUpdateSchema.safeParse(callToAction("c1", { deadline: "2020-06-01T10:00" })))).toContain("deadline:deadlineInPast");
  });

  it("an event in the year 9999 (Berlin time), or more than ten years ahead, is refused by name", () => {
    expect(issues(publishUpdateSchema.safeParse(event("c1", { startsAt: "9999-12-31T10:00", title: "Im Jahr 9999" })))).toContain("startsAt:dateOutOfRange");
    const farAhead = new Date(Date.now() + 11 * 366 * 86_400_000).toISOString().slice(0, 10);
    expect(issues(publishUpdateSchema.safeParse(callToAction("c1", { deadline: `${farAhead}T10:00` })))).toContain("deadline:dateOutOfRange");
  });

  // Found in review, fixed (schedule() bounds the instant: 2000 … ten years ahead; was: lib/update/schema.ts:49-52 (schedule → at) and lib/update/rules.ts:82-89
  // (zonedTime) check the wall-clock text only (\d{4}), not the instant it becomes: 9999-12-31T23:00
  // in Etc/GMT+12 (or 20:00 in America/Los_Angeles) is the instant +010000-01-01T11:00Z, which no
  // database column holds faithfully. Evidence: on PostgreSQL publishUpdate succeeds but the row
  // reads back as Invalid Date, after which calendarOf throws ("`start` has to be a valid date!")
  // so the cause calendar AND every group calendar the cause is a member of answer 503 for everybody,
  // and causeFeedDocument throws RangeError (the cause's feeds break). On SQLite the value is stored
  // as the string "+010000-…", which sorts before every real date: the event silently drops out
  // of the cause and group calendars (events() filters startsAt >= 90 days ago as a string).
  // One member cause can thus break or blank a whole partner group's calendar.
  // Fix: in schedule() refuse instants outside a sane range (e.g. year 1970 … 2200, or at least
  // 0001-01-01T00:00Z … 9999-12-31T23:59Z) with "dateTimeInvalid" for start, end and deadline.
  it("an event just past year 9999 in UTC is refused — or stored and served like any other (was a defect: breaks cause and group calendars)", async () => {
    const owner = await createUser("events-attack");
    const cause = await createPublishedCause(owner.id);
    const partner = await createPublishedCause(owner.id);
    const group = await db.partnerGroup.create({
      data: { slug: `group-${stamp()}`, name: "Gruppe", concern: "Grün", adminTopicId: partner.id, memberships: { create: [{ topicId: cause.id }, { topicId: partner.id }] } },
    });
    try {
      await publishUpdate(owner, publishUpdateSchema.parse(event(partner.id, { title: "Beim Partner" })));

      const result = publishUpdateSchema.safeParse(event(cause.id, { startsAt: "9999-12-31T23:00", timeZone: "Etc/GMT+12", title: "Ende der Zeit" }));
      if (!result.success) {
        expect(issues(result).some((i) => i.startsWith("startsAt:"))).toBe(true);
        return; // refused: fine
      }
      const published = await publishUpdate(owner, result.data);
      const stored = await db.update.findUniqueOrThrow({ where: { id: published.id } });
      expect(stored.startsAt?.getTime()).toBe(result.data.startsAt!.getTime());
      const groupResponse = await call(groupCalendarRoute, { slug: group.slug });
      expect(groupResponse.status).toBe(200);
      expect(parse(await groupResponse.text()).map((e) => e.summary).sort()).toEqual(["Beim Partner", "Ende der Zeit"]);
      const causeResponse = await call(causeCalendarRoute, { slug: cause.slug });
      expect(causeResponse.status).toBe(200);
      expect(parse(await causeResponse.text()).map((e) => e.summary)).toEqual(["Ende der Zeit"]);
      expect(causeFeedDocument(cause, await getCauseFeedUpdates(cause.id), new Date()).entries).toHaveLength(1);
    } finally {
      // The unreadable row must not reach the other files sharing this database.
      await db.partnerGroup.delete({ where: { id: group.id } });
      await db.topic.deleteMany({ where: { id: { in: [cause.id, partner.id] } } });
    }
  });

  // Found in review, fixed since — was: DEFECT (PostgreSQL only; on SQLite the row is stored and read back). lib/update/schema.ts:104-112
  // (correctUpdateSchema allows past times) with lib/update/rules.ts:82-89: a correction to
  // 0001-01-01T00:30 in Europe/Berlin (LMT +00:53:28) is the instant 0000-12-31T23:36:32Z, year 0 /
  // 1 BC, and "0000-01-01T10:00" is accepted as well. PostgreSQL refuses the value inside
  // db.update.update (PrismaClientKnownRequestError, lib/update/mutations.ts:79) — the publisher gets
  // the generic error page instead of the form's "date invalid" message. Fix as above: a lower bound
  // on the instant (and on the typed year) in schedule(), so the form answers "dateTimeInvalid".
  it("a correction to the year 0001 in a zone east of UTC, or to year 0000, is refused by the form — or stored as given", async () => {
    const owner = await createUser("events-attack");
    const cause = await createPublishedCause(owner.id);
    const published = await publishUpdate(owner, publishUpdateSchema.parse(event(cause.id)));
    try {
      for (const startsAt of ["0001-01-01T00:30", "0000-01-01T10:00"]) {
        const result = correctUpdateSchema.safeParse({ updateId: published.id, kind: "event", title: "Treffen", body: "Text", note: "Datum korrigiert", startsAt, timeZone: "Europe/Berlin", place: "Ufer" });
        if (!result.success) continue; // refused by the form: fine
        const corrected = await correctUpdate(owner, result.data);
        const stored = await db.update.findUniqueOrThrow({ where: { id: corrected.id } });
        expect(stored.startsAt?.getTime(), startsAt).toBe(result.data.startsAt!.getTime());
      }
    } finally {
      await db.topic.delete({ where: { id: cause.id } });
    }
  });
});

describe("corrections of events and calls", () => {
  it("may not change the kind, in any direction, and leave the row untouched when refused", async () => {
    const owner = await createUser("events-attack");
    const cause = await createPublishedCause(owner.id);
    const ev = await publishUpdate(owner, publishUpdateSchema.parse(event(cause.id, { title: "Ein Termin" })));
    const cta = await publishUpdate(owner, publishUpdateSchema.parse(callToAction(cause.id, { title: "Ein Aufruf", callUrl: "https://a.example/" })));
    const news = await publishUpdate(owner, publishUpdateSchema.parse({ topicId: cause.id, title: `Neuigkeit ${stamp()}`, body: `Nur Text ${stamp()}` }));
    const correction = (updateId: string, extra: Record<string, unknown>) =>
      correctUpdateSchema.parse({ updateId, title: "Geändert", body: "Geändert", note: "Art geändert", timeZone: "Europe/Berlin", ...extra });
    const attempts: [string, Record<string, unknown>][] = [
      [ev.id, { kind: "news" }],
      [ev.id, { kind: "call", deadline: `${day(30)}T10:00`, callUrl: "https://evil.example/" }],
      [cta.id, { kind: "event", startsAt: `${day(30)}T10:00`, place: "Woanders" }],
      [cta.id, { kind: "news" }],
      [news.id, { kind: "event", startsAt: `${day(30)}T10:00`, place: "Woanders" }],
      [news.id, { kind: "call", deadline: `${day(30)}T10:00` }],
      // No kind at all: the form default (news) is not taken as "keep the kind" for an event.
      [ev.id, {}],
    ];
    for (const [id, extra] of attempts) {
      expect(await errorKey(correctUpdate(owner, correction(id, extra))), JSON.stringify(extra)).toBe("kindInvalid");
    }
    for (const before of [ev, cta, news]) {
      const after = await db.update.findUniqueOrThrow({ where: { id: before.id } });
      expect(after).toMatchObject({ kind: before.kind, title: before.title, correctedAt: null, startsAt: before.startsAt, deadline: before.deadline, callUrl: before.callUrl, place: before.place });
    }
  });

  it("of another owner's update, or of a deleted or hidden one, are refused and change nothing", async () => {
    const owner = await createUser("events-attack");
    const attacker = await createUser("events-attacker");
    const cause = await createPublishedCause(owner.id);
    await createPublishedCause(attacker.id);
    const ev = await publishUpdate(owner, publishUpdateSchema.parse(event(cause.id, { title: "Fremder Termin" })));
    const move = (updateId: string) =>
      correctUpdateSchema.parse({ updateId, kind: "event", title: "Gekapert", body: "Gekapert", note: "verschoben", startsAt: "2001-01-01T10:00", timeZone: "UTC", place: "https://evil.example/" });
    expect(await errorKey(correctUpdate(attacker, move(ev.id)))).toBe("notFound");
    expect(await db.update.findUniqueOrThrow({ where: { id: ev.id } })).toMatchObject({ title: "Fremder Termin", startsAt: ev.startsAt, place: ev.place, correctedAt: null });
    // Nor can the attacker publish into the owner's cause.
    expect(await errorKey(publishUpdate(attacker, publishUpdateSchema.parse(event(cause.id))))).toBe("notFound");

    const hidden = await publishUpdate(owner, publishUpdateSchema.parse(event(cause.id, { title: "Versteckter Termin" })));
    await db.update.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });
    expect(await errorKey(correctUpdate(owner, move(hidden.id)))).toBe("updateUnderModeration");
    const deleted = await publishUpdate(owner, publishUpdateSchema.parse(event(cause.id, { title: "Gelöschter Termin" })));
    await db.update.update({ where: { id: deleted.id }, data: { deletedAt: new Date(), hiddenAt: new Date() } });
    expect(await errorKey(correctUpdate(owner, move(deleted.id)))).toBe("notFound");
  });

  it("may move an event into the past (a typo), under the same UID, and keep the calendar valid", async () => {
    const owner = await createUser("events-attack");
    const cause = await createPublishedCause(owner.id);
    const ev = await publishUpdate(owner, publishUpdateSchema.parse(event(cause.id, { title: "Umzug" })));
    const [before] = parse(await (await call(eventCalendarRoute, { updateId: ev.id })).text());
    const corrected = await correctUpdate(
      owner,
      correctUpdateSchema.parse({ updateId: ev.id, kind: "event", title: "Umzug", body: "Text", note: "Tippfehler im Datum", startsAt: `${day(-2)}T10:00`, endsAt: `${day(-2)}T11:00`, timeZone: "UTC", place: "Ufer" }),
      new Date(Date.now() + 5000),
    );
    const [after] = parse(await (await call(eventCalendarRoute, { updateId: ev.id })).text());
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.startDate.toJSDate().getTime()).toBe(corrected.startsAt!.getTime());
    expect(after.endDate.toJSDate().getTime()).toBe(corrected.endsAt!.getTime());
  });
});
