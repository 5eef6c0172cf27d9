/**
 * Hostile review of how events and calls are shown: the page's ScheduleNote and the feeds'
 * scheduleFacts. A place or call link that is script, markup or a disguised address must never be
 * a link nor markup; odd but valid zones must render; a past event offers no "add to calendar".
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ScheduleNote } from "@/components/update/schedule-note";
import { db } from "@/lib/db";
import { causeFeedDocument } from "@/lib/feed/documents";
import { getCauseFeedUpdates } from "@/lib/feed/queries";
import { publishUpdate } from "@/lib/update/mutations";
import { publishUpdateSchema } from "@/lib/update/schema";
import { createPublishedCause, createUser, stamp } from "../support/factories";

// The component runs outside Next here: translations answer with their key, dates as Intl does.
vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key),
  getFormatter: async () => ({
    dateTime: (date: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("de", options).format(date),
    dateTimeRange: (a: Date, b: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("de", options).formatRange(a, b),
  }),
}));

const DAY = 86_400_000;
const render = async (update: Parameters<typeof ScheduleNote>[0]["update"], now?: Date) => renderToStaticMarkup((await ScheduleNote({ update, now }))!);
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
const base = { id: "u1", startsAt: new Date(Date.now() + 5 * DAY), endsAt: null, deadline: null, callUrl: null, timeZone: "Europe/Berlin" };

describe("an event's place and a call's link on the page", () => {
  it("a place that is script, markup or a disguised address is text, never a link or markup", async () => {
    for (const place of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "vbscript:msgbox(1)",
      '"><script>alert(1)</script>',
      "<img src=x onerror=alert(1)>",
      "https://good.example und dann https://evil.example",
    ]) {
      const html = await render({ ...base, kind: "event", place });
      expect(hrefs(html), place).toEqual(["/api/calendar/u/u1"]);
      expect(html).not.toMatch(/<script|<img/);
    }
    const online = await render({ ...base, kind: "event", place: "https://meet.example/raum?x=1&y=2" });
    expect(hrefs(online)).toEqual(["https://meet.example/raum?x=1&amp;y=2", "/api/calendar/u/u1"]);
    expect(online).toContain('rel="nofollow ugc noopener"');
  });

  it("a call's link is what the form let through; after the deadline it is no longer offered", async () => {
    const html = await render({ ...base, kind: "call", startsAt: null, deadline: new Date(Date.now() + DAY), callUrl: "https://petition.example/a?b=1" });
    expect(hrefs(html)).toEqual(["https://petition.example/a?b=1"]);
    const past = await render({ ...base, kind: "call", startsAt: null, deadline: new Date(Date.now() - DAY), callUrl: "https://petition.example/a" });
    expect(hrefs(past)).toEqual([]);
    expect(past).toContain("past-badge");
  });

  it("a past event is marked and offers no calendar; an event with only a past start is past", async () => {
    const html = await render({ ...base, kind: "event", place: "Ufer", startsAt: new Date(Date.now() - 2 * DAY) });
    expect(html).toContain("past-badge");
    expect(hrefs(html)).toEqual([]);
    // Still running (ends tomorrow): not past.
    const running = await render({ ...base, kind: "event", place: "Ufer", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + DAY) });
    expect(running).not.toContain("past-badge");
  });

  it("zones at the edges of the map render (UTC, UTC+14, UTC-12, one with LMT offsets)", async () => {
    for (const timeZone of ["UTC", "Etc/GMT-14", "Etc/GMT+12", "Pacific/Kiritimati", "Asia/Kathmandu"]) {
      const html = await render({ ...base, kind: "event", place: "Ufer", timeZone, endsAt: new Date(base.startsAt.getTime() + 3_600_000) });
      expect(html, timeZone).toContain("event-details");
    }
  });
});

describe("an event's place and a call's link in feeds", () => {
  it("are escaped text, above the body, and name the zone", async () => {
    const owner = await createUser("render-attack");
    const cause = await createPublishedCause(owner.id, { language: "en" });
    const when = new Date(Date.now() + 9 * DAY).toISOString().slice(0, 10);
    await publishUpdate(
      owner,
      publishUpdateSchema.parse({ topicId: cause.id, kind: "event", title: `Treffen ${stamp()}`, body: "Body", startsAt: `${when}T10:00`, timeZone: "Etc/GMT-14", place: '"><script>alert(1)</script>' }),
    );
    const [entry] = causeFeedDocument(cause, await getCauseFeedUpdates(cause.id), new Date()).entries;
    expect(entry.contentHtml).not.toContain("<script>");
    expect(entry.contentHtml).toContain("&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(entry.contentHtml).toMatch(/GMT\+14/);
    await db.topic.delete({ where: { id: cause.id } });
  });
});
