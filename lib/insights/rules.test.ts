import { describe, expect, it } from "vitest";
import { followSeries, sum, thisWeek, type FollowEvent } from "./rules";

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
