import { describe, expect, it } from "vitest";
import {
  deriveHints,
  followSeries,
  isLateHour,
  leaveSpikes,
  rankPlaces,
  SPIKE_LOOKBACK_DAYS,
  SPIKE_MIN_LEAVES,
  sum,
  thisWeek,
  type DayCounts,
  type FollowEvent,
  type LeaveSpike,
  type Place,
  type RankedPlace,
} from "./rules";
import { weekHour } from "./reading-rules";

const now = new Date("2026-12-02T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("follows and leaves per day", () => {
  it("counts each event once, on its UTC day and channel, and nothing outside the window", () => {
    const events: FollowEvent[] = [
      { kind: "follow", at: at("2026-12-02T08:00:00Z"), channel: "web" },
      { kind: "follow", at: at("2026-12-02T09:00:00Z"), channel: "email" },
      { kind: "leave", at: at("2026-12-01T23:59:59Z"), channel: "fediverse" },
      { kind: "follow", at: at("2026-11-05T00:00:00Z"), channel: "web" }, // the first day of 28
      { kind: "follow", at: at("2026-11-04T23:59:59Z"), channel: "web" }, // before the window
      { kind: "follow", at: at("2026-12-02T13:00:00Z"), channel: "web" }, // after now
    ];
    const series = followSeries(events, now);
    expect(series).toHaveLength(28);
    expect(series[0].day).toBe("2026-11-05");
    expect(series[27]).toEqual({ day: "2026-12-02", follows: { web: 1, email: 1, fediverse: 0 }, leaves: { web: 0, email: 0, fediverse: 0 } });
    expect(series[26].leaves.fediverse).toBe(1);
    expect(sum(series[0].follows)).toBe(1);
    expect(series.reduce((n, d) => n + sum(d.follows) + sum(d.leaves), 0)).toBe(4);
  });

  it("says what the last seven days brought", () => {
    const events: FollowEvent[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ kind: "follow" as const, at: at(`2026-11-${27 + (i % 4)}T10:00:00Z`), channel: "web" as const })),
      ...Array.from({ length: 3 }, () => ({ kind: "leave" as const, at: at("2026-12-01T10:00:00Z"), channel: "email" as const })),
      { kind: "follow", at: at("2026-11-20T10:00:00Z"), channel: "web" }, // older than a week
    ];
    expect(thisWeek(followSeries(events, now))).toEqual({ follows: 12, leaves: 3, net: 9 });
    expect(thisWeek(followSeries([], now))).toEqual({ follows: 0, leaves: 0, net: 0 });
  });
});

/** A series of days from 2026-11-01 on, with this many leaves (on the web) each day. */
const leavesSeries = (leaves: number[]): DayCounts[] =>
  leaves.map((n, i) => ({
    day: new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10),
    follows: { web: 0, email: 0, fediverse: 0 },
    leaves: { web: n, email: 0, fediverse: 0 },
  }));
const update = (id: string, iso: string) => ({ id, title: `Update ${id}`, publishedAt: at(iso) });

describe("spikes of leaves", () => {
  it("needs at least SPIKE_MIN_LEAVES and twice the daily average, newest first", () => {
    expect(SPIKE_MIN_LEAVES).toBe(3);
    const leaves = Array<number>(28).fill(0);
    leaves[9] = 3; // 2026-11-10
    leaves[19] = 5; // 2026-11-20
    leaves[24] = 2; // 2026-11-25: under the minimum
    expect(leaveSpikes(leavesSeries(leaves), []).map((s) => [s.day, s.leaves])).toEqual([["2026-11-20", 5], ["2026-11-10", 3]]);
    // Twice the average, inclusive: average 1.5 here, so 3 is a spike and 2 is not.
    expect(leaveSpikes(leavesSeries([2, 1, 0, 3]), []).map((s) => s.day)).toEqual(["2026-11-04"]);
    // Many leaves every day are no spike.
    expect(leaveSpikes(leavesSeries([3, 3, 3, 3, 3, 3, 4]), [])).toEqual([]);
    expect(leaveSpikes(leavesSeries([0, 0, 0, 2]), [])).toEqual([]);
    expect(leaveSpikes([], [])).toEqual([]);
  });

  it("adds up the leaves of all channels", () => {
    const series = leavesSeries([0, 0, 0, 0, 0]);
    series[4].leaves = { web: 1, email: 1, fediverse: 1 };
    expect(leaveSpikes(series, [])).toEqual([{ day: "2026-11-05", leaves: 3, update: null }]);
  });

  it("names the newest update from SPIKE_LOOKBACK_DAYS before the day up to its end, else none", () => {
    expect(SPIKE_LOOKBACK_DAYS).toBe(3);
    const series = leavesSeries([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]); // 2026-11-20
    const tooEarly = update("early", "2026-11-16T23:59:59.999Z");
    const firstIn = update("first", "2026-11-17T00:00:00Z");
    const sameDay = update("same", "2026-11-20T23:59:00Z");
    const after = update("after", "2026-11-21T00:00:00Z");
    expect(leaveSpikes(series, [tooEarly])).toEqual([{ day: "2026-11-20", leaves: 6, update: null }]);
    expect(leaveSpikes(series, [firstIn, tooEarly])[0].update).toEqual(firstIn);
    expect(leaveSpikes(series, [after, tooEarly, sameDay, firstIn])[0].update).toEqual(sameDay);
    expect(leaveSpikes(series, [after])[0].update).toBeNull();
  });

  it("gives each spike its own preceding update", () => {
    const leaves = Array<number>(20).fill(0);
    leaves[4] = 4; // 2026-11-05
    leaves[14] = 4; // 2026-11-15
    const old = update("old", "2026-11-03T18:00:00Z");
    const recent = update("recent", "2026-11-14T07:00:00Z");
    expect(leaveSpikes(leavesSeries(leaves), [old, recent])).toEqual([
      { day: "2026-11-15", leaves: 4, update: recent },
      { day: "2026-11-05", leaves: 4, update: old },
    ]);
  });
});

describe("places that brought people", () => {
  const place = (label: string, follows: number, visits: number, personal = false): Place => ({ id: label.toLowerCase(), label, personal, visits, follows });

  it("ranks by follows, then visits, then label, with follows per visit capped at 1", () => {
    const places = [place("Zeitung", 0, 0), place("Flyer", 5, 10), place("Anna", 2, 0, true), place("Plakat", 4, 3), place("Bahnhof", 0, 0), place("Newsletter", 5, 20)];
    const ranked = rankPlaces(places);
    expect(ranked.map((p) => [p.label, p.conversion])).toEqual([
      ["Newsletter", 0.25],
      ["Flyer", 0.5],
      ["Plakat", 1],
      ["Anna", null],
      ["Bahnhof", null],
      ["Zeitung", null],
    ]);
    expect(ranked[3]).toEqual({ id: "anna", label: "Anna", personal: true, visits: 0, follows: 2, conversion: null });
    expect(places[0].label).toBe("Zeitung");
    expect(rankPlaces([])).toEqual([]);
  });
});

describe("hints", () => {
  it("calls 22:00–05:59 late", () => {
    expect(Array.from({ length: 24 }, (_, h) => h).filter(isLateHour)).toEqual([0, 1, 2, 3, 4, 5, 22, 23]);
  });

  const ranked = (label: string, follows: number, personal = false): RankedPlace => ({ id: label, label, personal, visits: 10, follows, conversion: follows / 10 });
  const spike = (leaves: number, publishedAt: string | null): LeaveSpike => ({ day: "2026-11-20", leaves, update: publishedAt ? update("u", publishedAt) : null });
  type HintInput = Parameters<typeof deriveHints>[0];
  const calm: HintInput = {
    spikes: [],
    leavesInWindow: 0,
    publishedHourOf: (d: Date) => d.getUTCHours(),
    partners: 1,
    similarCauses: 0,
    places: [ranked("Flyer", 0)],
    usualHourQuietShare: null,
    daysSinceLastUpdate: null,
  };
  const keys = (input: Partial<HintInput>) => deriveHints({ ...calm, ...input }).map((h) => h.key);

  it("says nothing when nothing stands out", () => {
    expect(deriveHints(calm)).toEqual([]);
  });

  it("points at late updates when their spikes hold more than half of the leaves", () => {
    expect(deriveHints({ ...calm, spikes: [spike(3, "2026-11-19T23:00:00Z")], leavesInWindow: 5 })).toEqual([{ key: "lateUpdateLeaves", leaves: 3, total: 5 }]);
    expect(keys({ spikes: [spike(3, "2026-11-19T23:00:00Z")], leavesInWindow: 6 })).toEqual([]); // exactly half
    expect(keys({ spikes: [spike(2, "2026-11-19T23:00:00Z")], leavesInWindow: 2 })).toEqual([]); // too few
    expect(keys({ spikes: [spike(3, "2026-11-19T21:59:00Z")], leavesInWindow: 3 })).toEqual([]); // not late
    expect(keys({ spikes: [spike(3, "2026-11-19T05:59:00Z")], leavesInWindow: 3 })).toEqual(["lateUpdateLeaves"]);
    expect(keys({ spikes: [spike(5, null)], leavesInWindow: 5 })).toEqual([]); // no update before it
    const two = [spike(2, "2026-11-19T22:00:00Z"), spike(2, "2026-11-10T01:00:00Z"), spike(9, "2026-11-05T12:00:00Z")];
    expect(deriveHints({ ...calm, spikes: two, leavesInWindow: 7 })).toEqual([{ key: "lateUpdateLeaves", leaves: 4, total: 7 }]);
  });

  it("judges lateness on the publisher's clock", () => {
    const berlinHour = (d: Date) => weekHour(d, "Europe/Berlin").hour;
    const input = { spikes: [spike(3, "2026-11-19T21:30:00Z")], leavesInWindow: 3 }; // 22:30 in Berlin
    expect(keys(input)).toEqual([]);
    expect(keys({ ...input, publishedHourOf: berlinHour })).toEqual(["lateUpdateLeaves"]);
  });

  it("warns when at least half of the email followers are in quiet hours at the usual time", () => {
    expect(deriveHints({ ...calm, usualHourQuietShare: 0.5 })).toEqual([{ key: "quietAtUsualTime", share: 0.5 }]);
    expect(keys({ usualHourQuietShare: 0.49 })).toEqual([]);
    expect(keys({ usualHourQuietShare: 0 })).toEqual([]);
  });

  it("suggests partners only when similar causes exist", () => {
    expect(deriveHints({ ...calm, partners: 0, similarCauses: 2 })).toEqual([{ key: "noPartners", similar: 2 }]);
    expect(keys({ partners: 0, similarCauses: 0 })).toEqual([]);
    expect(keys({ partners: 1, similarCauses: 2 })).toEqual([]);
  });

  it("asks for share links without any, and names the best shared one that brought follows", () => {
    expect(keys({ places: [] })).toEqual(["noPlaces"]);
    expect(keys({ places: [ranked("Anna", 4, true)] })).toEqual(["noPlaces"]); // invitations are not shared places
    expect(deriveHints({ ...calm, places: [ranked("Anna", 9, true), ranked("Flyer", 3), ranked("Plakat", 1)] })).toEqual([{ key: "bestPlace", label: "Flyer", follows: 3 }]);
    expect(keys({ places: [ranked("Anna", 9, true), ranked("Flyer", 0)] })).toEqual([]);
  });

  it("notices 30 days without an update", () => {
    expect(deriveHints({ ...calm, daysSinceLastUpdate: 30 })).toEqual([{ key: "silentUpdates", days: 30 }]);
    expect(keys({ daysSinceLastUpdate: 29 })).toEqual([]);
  });

  it("orders the hints as a publisher should read them", () => {
    const all = { spikes: [spike(4, "2026-11-19T23:00:00Z")], leavesInWindow: 4, partners: 0, similarCauses: 1, usualHourQuietShare: 0.8, daysSinceLastUpdate: 45 };
    expect(keys({ ...all, places: [ranked("Flyer", 2)] })).toEqual(["lateUpdateLeaves", "quietAtUsualTime", "noPartners", "bestPlace", "silentUpdates"]);
    expect(keys({ ...all, places: [] })).toEqual(["lateUpdateLeaves", "quietAtUsualTime", "noPartners", "noPlaces", "silentUpdates"]);
  });
});
