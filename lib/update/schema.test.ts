import { describe, expect, it } from "vitest";
import { correctUpdateSchema, publishUpdateSchema } from "./schema";

const base = { topicId: "cm1234567890", title: "Sammelaktion", body: "Kommt alle!" };
const issues = (input: Record<string, string>) => {
  const parsed = publishUpdateSchema.safeParse({ ...base, ...input });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};
const future = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
};

describe("publishing news, events and calls", () => {
  it("keeps news plain, whatever other fields a form sends along", () => {
    const parsed = publishUpdateSchema.parse({ ...base, kind: "news", startsAt: "garbage", place: "x" });
    expect(parsed).toMatchObject({ kind: "news", startsAt: null, place: null, timeZone: null });
    expect(publishUpdateSchema.parse(base).kind).toBe("news");
  });

  it("turns an event's wall-clock times into instants in its zone", () => {
    const day = future(10);
    const parsed = publishUpdateSchema.parse({ ...base, kind: "event", startsAt: `${day}T10:00`, endsAt: `${day}T12:00`, timeZone: "America/New_York", place: "Hudson River Park" });
    const wallClock = (d: Date) => new Intl.DateTimeFormat("sv", { timeZone: "America/New_York", dateStyle: "short", timeStyle: "short" }).format(d);
    expect(wallClock(parsed.startsAt!)).toBe(`${day} 10:00`);
    expect(wallClock(parsed.endsAt!)).toBe(`${day} 12:00`);
    expect(parsed).toMatchObject({ kind: "event", place: "Hudson River Park", timeZone: "America/New_York", deadline: null });
  });

  it("refuses an event without start or place, ending before it starts, already over, or in an unknown zone", () => {
    const day = future(10);
    expect(issues({ kind: "event", timeZone: "Europe/Berlin", place: "Ufer" })).toContain("startsAt:eventStartInvalid");
    expect(issues({ kind: "event", timeZone: "Europe/Berlin", startsAt: `${day}T10:00` })).toContain("place:placeRequired");
    expect(issues({ kind: "event", timeZone: "Europe/Berlin", startsAt: `${day}T10:00`, endsAt: `${day}T09:00`, place: "Ufer" })).toContain("endsAt:eventEndBeforeStart");
    expect(issues({ kind: "event", timeZone: "Europe/Berlin", startsAt: "2020-01-01T10:00", place: "Ufer" })).toContain("startsAt:eventInPast");
    expect(issues({ kind: "event", timeZone: "Mars/Olympus", startsAt: `${day}T10:00`, place: "Ufer" })).toContain("timeZone:timeZoneInvalid");
    expect(issues({ kind: "event", timeZone: "Europe/Berlin", startsAt: "morgen", place: "Ufer" })).toContain("startsAt:eventStartInvalid");
    expect(issues({ kind: "event", timeZone: "Europe/Berlin", startsAt: `${day}T10:00`, place: "Ufer\nZeile 2" })).toContain("place:lineBreak");
  });

  it("says so when a time does not exist in the zone (clocks jump forward)", () => {
    // The last Sunday of March in Berlin has no 02:30; only checked while that day lies ahead.
    const year = new Date().getUTCFullYear() + 1;
    const lastSunday = new Date(Date.UTC(year, 2, 31));
    lastSunday.setUTCDate(31 - lastSunday.getUTCDay());
    const day = lastSunday.toISOString().slice(0, 10);
    expect(issues({ kind: "event", timeZone: "Europe/Berlin", startsAt: `${day}T02:30`, place: "Ufer" })).toContain("startsAt:timeNotInZone");
  });

  it("takes a call's deadline and only a real web address as its link", () => {
    const day = future(5);
    expect(publishUpdateSchema.parse({ ...base, kind: "call", deadline: `${day}T18:00`, timeZone: "Europe/Berlin", callUrl: "https://petition.example/spree" })).toMatchObject({
      kind: "call",
      callUrl: "https://petition.example/spree",
      timeZone: "Europe/Berlin",
    });
    expect(issues({ kind: "call", timeZone: "Europe/Berlin" })).toContain("deadline:deadlineInvalid");
    expect(issues({ kind: "call", timeZone: "Europe/Berlin", deadline: "2020-01-01T10:00" })).toContain("deadline:deadlineInPast");
    for (const bad of ["javascript:alert(1)", "petition.example", "https://a b.example"]) {
      expect(issues({ kind: "call", timeZone: "Europe/Berlin", deadline: `${day}T18:00`, callUrl: bad }), bad).toContain("callUrl:callUrlInvalid");
    }
    expect(issues({ kind: "poll" })).toContain("kind:kindInvalid");
  });

  it("lets a correction keep a past event's date", () => {
    const parsed = correctUpdateSchema.parse({ updateId: "cm1", title: "Sammelaktion", body: "War schön.", note: "Tippfehler", kind: "event", startsAt: "2020-01-01T10:00", timeZone: "Europe/Berlin", place: "Ufer" });
    expect(parsed.startsAt!.toISOString()).toBe("2020-01-01T09:00:00.000Z");
  });
});
