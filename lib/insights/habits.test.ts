// The rules added after the second read: the publisher's usual hour, quiet shares weighted by
// grouped settings, the window's quiet share, and a spike blamed on the update before its first leave.
import { describe, expect, it } from "vitest";
import { quietShareAtHour, quietShareGrid, suggestWindow, usualHour, weekStartIn, type WeekGrid } from "./reading-rules";
import { followSeries, groupReadingShown, leaveSpikes } from "./rules";

const BERLIN = "Europe/Berlin";
const at = (iso: string) => new Date(iso);
const empty = (): WeekGrid => Array.from({ length: 7 }, () => Array<number>(24).fill(0));

describe("the publisher's usual hour", () => {
  it("is the most common hour when at least two and at least half of the updates went out then", () => {
    // 18:xx Berlin (17:xx UTC in winter) three times, 09:xx once.
    const times = ["2026-11-02T17:05:00Z", "2026-11-05T17:40:00Z", "2026-11-09T17:10:00Z", "2026-11-11T08:00:00Z"].map(at);
    expect(usualHour(times, BERLIN)).toBe(18);
  });

  it("is no habit after one update, or when no hour holds half of them", () => {
    expect(usualHour([at("2026-11-02T17:05:00Z")], BERLIN)).toBeNull();
    expect(usualHour([], BERLIN)).toBeNull();
    const scattered = ["2026-11-02T07:00:00Z", "2026-11-03T07:30:00Z", "2026-11-04T12:00:00Z", "2026-11-05T15:00:00Z", "2026-11-06T19:00:00Z"].map(at);
    expect(usualHour(scattered, BERLIN)).toBeNull(); // 08:00 twice of five
  });
});

describe("quiet shares", () => {
  const weekStart = weekStartIn(at("2026-11-04T12:00:00Z"), BERLIN);

  it("weigh grouped settings by how many followers hold them", () => {
    const grouped = quietShareGrid(
      [
        { timeZone: BERLIN, quietStart: 1320, quietEnd: 420, count: 3 },
        { timeZone: BERLIN, quietStart: null, quietEnd: null, count: 1 },
      ],
      BERLIN,
      weekStart,
    )!;
    const oneByOne = quietShareGrid(
      [...Array.from({ length: 3 }, () => ({ timeZone: BERLIN, quietStart: 1320, quietEnd: 420 })), { timeZone: BERLIN, quietStart: null, quietEnd: null }],
      BERLIN,
      weekStart,
    )!;
    expect(grouped).toEqual(oneByOne);
    expect(grouped[2][23]).toBe(0.75);
    expect(grouped[2][12]).toBe(0);
    expect(quietShareGrid([{ timeZone: BERLIN, quietStart: 1320, quietEnd: 420, count: 0 }], BERLIN, weekStart)).toBeNull();
  });

  it("at one hour are the week's average", () => {
    const quiet = empty();
    quiet[0][22] = 1;
    quiet[6][22] = 0.4;
    expect(quietShareAtHour(quiet, 22)).toBeCloseTo(1.4 / 7);
    expect(quietShareAtHour(quiet, 9)).toBe(0);
  });

  it("of a suggested window are the largest during it", () => {
    const reads = empty();
    reads[1][20] = 30;
    reads[1][21] = 30;
    const quiet = empty();
    quiet[1][21] = 0.2;
    const window = suggestWindow(reads, quiet)!;
    expect(window).toMatchObject({ weekday: 1, hour: 20, quietShare: 0.2 });
  });
});

describe("the update a spike of leaves is put next to", () => {
  const now = at("2026-11-20T23:00:00Z");
  const leaves = (iso: string, n: number) => Array.from({ length: n }, () => ({ kind: "leave" as const, at: at(iso), channel: "email" as const }));

  it("came before the day's first leave, not later that day", () => {
    const series = followSeries(leaves("2026-11-18T08:00:00Z", 4), now);
    const updates = [
      { id: "before", title: "Am Vortag", publishedAt: at("2026-11-17T21:30:00Z") },
      { id: "evening", title: "Am Abend danach", publishedAt: at("2026-11-18T20:00:00Z") },
    ];
    expect(leaveSpikes(series, updates)).toEqual([{ day: "2026-11-18", leaves: 4, update: updates[0] }]);
  });

  it("may lie before the four weeks when the spike is in their first days", () => {
    const series = followSeries(leaves("2026-10-24T09:00:00Z", 3), now);
    expect(series[0].day).toBe("2026-10-24");
    const early = { id: "early", title: "Vor dem Fenster", publishedAt: at("2026-10-22T18:00:00Z") };
    expect(leaveSpikes(series, [early])[0].update).toEqual(early);
  });
});

describe("a group's reading hours", () => {
  it("show from three live members on, never with two (the admin could subtract their own)", () => {
    expect([1, 2, 3, 4].map(groupReadingShown)).toEqual([false, false, true, true]);
  });
});
