import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  describePreferenceChanges,
  formatClockTime,
  parseLedgerDetail,
  joinKinds,
  parseKinds,
  parseClockTime,
  pauseProblem,
  startOfLocalDay,
  timeZoneChoices,
  type EmailPreferences,
} from "./rules";

const MINUTE = 60 * 1000;
const now = new Date("2026-11-26T10:00:00Z");

describe("preference values", () => {
  it("accepts IANA names only, canonically spelled", () => {
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    // Three-part names are accepted (ICU may answer with its own canonical link name).
    expect(canonicalTimeZone("America/Argentina/Buenos_Aires")).toMatch(/Buenos_Aires$/);
    for (const bad of ["Mars/Base", "+01:00", "", "Europe/Berlin/", "../etc"]) expect(canonicalTimeZone(bad)).toBeNull();
  });
  it("reads and writes clock times", () => {
    expect(parseClockTime("22:30")).toBe(1350);
    expect(parseClockTime("24:00")).toBeNull();
    expect(formatClockTime(420)).toBe("07:00");
  });
  it("turns a local day into the instant it starts", () => {
    expect(startOfLocalDay("2026-12-24", "Europe/Berlin")?.toISOString()).toBe("2026-12-23T23:00:00.000Z");
    expect(startOfLocalDay("2026-02-30", "Europe/Berlin")).toBeNull();
  });
  it("wants a pause in the future and within a year", () => {
    expect(pauseProblem(new Date(now.getTime() - MINUTE), now)).toBe("pauseInPast");
    expect(pauseProblem(new Date(now.getTime() + 400 * 24 * 60 * MINUTE), now)).toBe("pauseTooLong");
    expect(pauseProblem(new Date(now.getTime() + 24 * 60 * MINUTE), now)).toBeNull();
  });
  it("stores kinds in a fixed order", () => {
    expect(joinKinds(["call", "news"])).toBe("news,call");
    // The stored form reads back as the same set; unknown words are ignored.
    expect([...parseKinds("news, call,bogus")]).toEqual(["news", "call"]);
    expect(parseKinds(joinKinds(["event", "news"]))).toEqual(new Set(["news", "event"]));
  });
});

describe("what a save changed", () => {
  const base: EmailPreferences = {
    kinds: "news,event,call", partnerNews: false, cadence: "instant", weekday: 1, timeZone: "Europe/Berlin",
    quietStart: 1320, quietEnd: 420, pausedUntil: null, mailLocale: "de",
  };
  it("lists each changed field once, and nothing when nothing changed", () => {
    expect(describePreferenceChanges(base, { ...base })).toBe("");
    expect(describePreferenceChanges(base, { ...base, cadence: "daily", timeZone: "Asia/Tokyo" })).toBe("cadence=daily; timeZone=Asia/Tokyo");
    expect(describePreferenceChanges(base, { ...base, quietStart: null, quietEnd: null, partnerNews: true })).toBe("partnerNews=on; quietHours=none");
  });
});

describe("ledger details read back", () => {
  it("turns what the ledger stores into parts a page can say in words", () => {
    expect(parseLedgerDetail("address confirmed by its owner")).toEqual([{ kind: "fixed", key: "confirmedByLink" }]);
    expect(parseLedgerDetail("kinds=news,call; cadence=weekly; weekday=5; timeZone=Europe/Berlin; quietHours=22:00-07:00; pausedUntil=2026-12-19T23:00:00.000Z; mailLocale=de; partnerNews=on")).toEqual([
      { kind: "kinds", kinds: ["news", "call"] },
      { kind: "cadence", cadence: "weekly" },
      { kind: "weekday", weekday: 5 },
      { kind: "timeZone", zone: "Europe/Berlin" },
      { kind: "quietHours", from: "22:00", to: "07:00" },
      { kind: "pausedUntil", until: new Date("2026-12-19T23:00:00.000Z") },
      { kind: "mailLocale", locale: "de" },
      { kind: "partnerNews", on: true },
    ]);
    expect(parseLedgerDetail("quietHours=none; pausedUntil=none")).toEqual([
      { kind: "quietHours", from: null, to: null },
      { kind: "pausedUntil", until: null },
    ]);
    expect(parseLedgerDetail("paused: address rejected (550 no such user)")).toEqual([{ kind: "addressRejected" }]);
  });

  it("keeps anything it does not know as text, never guessing", () => {
    expect(parseLedgerDetail("weekday=9; something new")).toEqual([
      { kind: "raw", text: "weekday=9" },
      { kind: "raw", text: "something new" },
    ]);
    expect(parseLedgerDetail("pausedUntil=not-a-date")).toEqual([{ kind: "raw", text: "pausedUntil=not-a-date" }]);
  });

  it("reads back every change describePreferenceChanges writes", () => {
    const before = { kinds: "news", partnerNews: false, cadence: "instant", weekday: 1, timeZone: "Europe/Berlin", quietStart: null, quietEnd: null, pausedUntil: null, mailLocale: "de" } as const;
    const after = { ...before, kinds: "news,event", partnerNews: true, cadence: "weekly", weekday: 3, timeZone: "Europe/Vienna", quietStart: 22 * 60, quietEnd: 7 * 60, mailLocale: "en" } as const;
    const parts = parseLedgerDetail(describePreferenceChanges(before, after));
    expect(parts.some((part) => part.kind === "raw")).toBe(false);
    expect(parts).toHaveLength(7);
  });
});

describe("the time zone list", () => {
  it("names every zone in the reader's language, with its offset at that moment", () => {
    const winter = new Date("2026-12-01T12:00:00Z");
    const de = timeZoneChoices("de", winter);
    expect(de.length).toBeGreaterThan(300);
    expect(de.find((c) => c.zone === "Europe/Berlin")).toEqual({ zone: "Europe/Berlin", label: "Mitteleuropäische Zeit (GMT+01:00)" });
    expect(timeZoneChoices("en", winter).find((c) => c.zone === "America/New_York")?.label).toBe("Eastern Time (GMT-05:00)");
    // Daylight saving time changes the offset, not the name.
    expect(timeZoneChoices("de", new Date("2026-07-01T12:00:00Z")).find((c) => c.zone === "Europe/Berlin")?.label).toBe("Mitteleuropäische Zeit (GMT+02:00)");
    // Every zone offered is one the form accepts, under its current name (Kyiv, not Kiev).
    expect(de.every((c) => canonicalTimeZone(c.zone) === c.zone)).toBe(true);
    expect(de.map((c) => c.zone)).toContain("Europe/Kyiv");
    expect(de.map((c) => c.zone)).not.toContain("Europe/Kiev");
    expect(canonicalTimeZone("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("asia/kolkata")).toBe("Asia/Kolkata");
  });
});
