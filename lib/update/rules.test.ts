import { describe, expect, it } from "vitest";
import { budgetStatus, findRepetition, isPast, localInputValue, normaliseText, onlineLink, textSimilarity, zonedTime } from "./rules";

const now = new Date("2026-11-26T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 24 * 60 * 60 * 1000);

describe("budgetStatus", () => {
  it("counts only the last 7 days", () => {
    expect(budgetStatus([daysAgo(1), daysAgo(8), daysAgo(30)], 3, now)).toEqual({ used: 1, remaining: 2, nextSlotAt: null });
  });
  it("says when the next slot frees up once the budget is used", () => {
    const status = budgetStatus([daysAgo(1), daysAgo(6), daysAgo(3)], 3, now);
    expect(status.remaining).toBe(0);
    expect(status.nextSlotAt).toEqual(new Date(daysAgo(6).getTime() + 7 * 24 * 60 * 60 * 1000));
  });
  it("handles a budget lowered below what was already published", () => {
    const status = budgetStatus([daysAgo(1), daysAgo(2), daysAgo(3)], 1, now);
    expect(status.remaining).toBe(0);
    expect(status.nextSlotAt).toEqual(new Date(daysAgo(1).getTime() + 7 * 24 * 60 * 60 * 1000));
  });
});

describe("text similarity", () => {
  it("normalises case, punctuation, accents and ß", () => {
    expect(normaliseText("  Straße: HEUTE!!  café ")).toBe("strasse heute cafe");
  });
  it("is 1 for the same text in other clothes and low for different texts", () => {
    expect(textSimilarity("Treffen heute um 5!", "treffen HEUTE um 5")).toBe(1);
    expect(textSimilarity("Müllsammeln am Samstag an der Spree", "Neue Greifzangen gespendet")).toBeLessThan(0.4);
    expect(textSimilarity("", "x")).toBe(0);
  });
  it("catches a lightly edited repeat", () => {
    expect(textSimilarity("Reminder: clean-up this Saturday at 10 at the river", "Reminder: clean up this Saturday at 10 by the river!")).toBeGreaterThan(0.8);
  });
});

describe("findRepetition", () => {
  const recent = [
    { id: "a", title: "Clean-up on Saturday", body: "Meet at 10 at the bridge.", publishedAt: daysAgo(3) },
    { id: "b", title: "Old news", body: "Something from long ago.", publishedAt: daysAgo(20) },
  ];
  it("finds a near-duplicate of an update from the last 14 days", () => {
    expect(findRepetition({ title: "Clean up on Saturday!", body: "Meet at 10 at the bridge" }, recent, now)?.id).toBe("a");
  });
  it("ignores older updates and different texts", () => {
    expect(findRepetition({ title: "Old news", body: "Something from long ago." }, recent, now)).toBeNull();
    expect(findRepetition({ title: "New tools donated", body: "Twenty grabbers arrived." }, recent, now)).toBeNull();
  });
});

describe("event and call times", () => {
  it("reads a wall-clock time in the event's zone, and refuses times that do not exist there", () => {
    expect(zonedTime("2026-12-05T10:00", "Europe/Berlin")?.toISOString()).toBe("2026-12-05T09:00:00.000Z");
    expect(zonedTime("2026-07-05T10:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-05T08:00:00.000Z");
    expect(zonedTime("2026-12-05T10:00", "America/New_York")?.toISOString()).toBe("2026-12-05T15:00:00.000Z");
    // 29 March 2026, 02:30 does not happen in Berlin (clocks jump from 02:00 to 03:00).
    expect(zonedTime("2026-03-29T02:30", "Europe/Berlin")).toBeNull();
    for (const bad of ["", "2026-12-05", "2026-13-01T10:00", "2026-02-30T10:00", "2026-12-05T25:00", "2026-12-05T10:00Z", "tomorrow"]) {
      expect(zonedTime(bad, "Europe/Berlin"), bad).toBeNull();
    }
    expect(zonedTime("2026-12-05T10:00", "Mars/Olympus")).toBeNull();
    expect(localInputValue(new Date("2026-12-05T09:00:00Z"), "Europe/Berlin")).toBe("2026-12-05T10:00");
  });

  it("marks events past after their end (or start), calls after their deadline, news never", () => {
    const now = new Date("2026-12-05T12:00:00Z");
    const event = { kind: "event", startsAt: new Date("2026-12-05T09:00:00Z"), endsAt: new Date("2026-12-05T13:00:00Z"), deadline: null };
    expect(isPast(event, now)).toBe(false);
    expect(isPast({ ...event, endsAt: null }, now)).toBe(true);
    expect(isPast({ kind: "call", startsAt: null, endsAt: null, deadline: new Date("2026-12-05T11:59:00Z") }, now)).toBe(true);
    expect(isPast({ kind: "news", startsAt: null, endsAt: null, deadline: null }, now)).toBe(false);
  });

  it("takes a place as an online link only when it is one web address", () => {
    expect(onlineLink("https://meet.example.org/spree")).toBe("https://meet.example.org/spree");
    expect(onlineLink("Spreeufer, Treffpunkt https://x.example")).toBeNull();
    expect(onlineLink("javascript:alert(1)")).toBeNull();
    expect(onlineLink("Oberbaumbrücke")).toBeNull();
    expect(onlineLink(null)).toBeNull();
  });
});
