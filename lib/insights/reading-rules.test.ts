import { describe, expect, it } from "vitest";
import {
  bucketStart,
  hourBucket,
  isCountedAgent,
  MIN_READS_FOR_WINDOW,
  quietShareGrid,
  reachPerUpdate,
  readingGrid,
  suggestWindow,
  weekHour,
  weekStartIn,
  type ReadBucket,
  type WeekGrid,
} from "./reading-rules";

const at = (iso: string) => new Date(iso);
const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";
const grid = (cells: [weekday: number, hour: number, value: number][] = []): WeekGrid => {
  const g = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const [d, h, v] of cells) g[d][h] = v;
  return g;
};
const row = (on: number[], value = 1) => Array.from({ length: 24 }, (_, h) => (on.includes(h) ? value : 0));
const NIGHT = [0, 1, 2, 3, 4, 5, 6, 22, 23]; // quiet 22:00–07:00, by hour
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("which agents count as readers", () => {
  const browsers = {
    chromeDesktop: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    firefoxDesktop: "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    safariMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    safariIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    chromeAndroid: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    firefoxAndroid: "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0",
  };
  const bots = {
    googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    googlebotSmartphone:
      "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    bingbot: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    headlessChrome: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36",
    curl: "curl/8.5.0",
    // Bots that mention feeds are still bots.
    googlebotFeed: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) feed reader",
    headlessReader: "Mozilla/5.0 HeadlessChrome/124.0.0.0 rss reader",
  };
  const feedReaders = {
    feedly: "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 12 subscribers; like FeedFetcher-Google)",
    miniflux: "Mozilla/5.0 (compatible; Miniflux/2.1.3; +https://miniflux.app)",
    netNewsWire: "NetNewsWire (RSS Reader; https://netnewswire.com/)",
    inoreader: "Mozilla/5.0 (compatible; inoreader.com; 5 subscribers)",
    ttRss: "Tiny Tiny RSS/23.04 (https://tt-rss.org/)",
  };

  it.each(Object.entries(browsers))("counts a person's browser (%s) on both channels", (_, ua) => {
    expect(isCountedAgent(ua, "page")).toBe(true);
    expect(isCountedAgent(ua, "feed")).toBe(true);
  });

  it.each(Object.entries(bots))("never counts %s", (_, ua) => {
    expect(isCountedAgent(ua, "page")).toBe(false);
    expect(isCountedAgent(ua, "feed")).toBe(false);
  });

  it.each(Object.entries(feedReaders))("counts the feed reader %s for feeds only (isbot flags it)", (_, ua) => {
    expect(isCountedAgent(ua, "feed")).toBe(true);
    expect(isCountedAgent(ua, "page")).toBe(false);
  });

  it("counts Thunderbird on both channels: isbot takes it for a person's agent", () => {
    const thunderbird = "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.10.1";
    expect(isCountedAgent(thunderbird, "feed")).toBe(true);
    expect(isCountedAgent(thunderbird, "page")).toBe(true);
  });

  it("counts no missing, empty or overlong agent", () => {
    for (const channel of ["page", "feed"] as const) {
      expect(isCountedAgent(undefined, channel)).toBe(false);
      expect(isCountedAgent(null, channel)).toBe(false);
      expect(isCountedAgent("", channel)).toBe(false);
      const long = `${browsers.chromeDesktop} ${"x".repeat(1000 - browsers.chromeDesktop.length - 1)}`;
      expect(long).toHaveLength(1000);
      expect(isCountedAgent(long, channel)).toBe(true);
      expect(isCountedAgent(`${long}x`, channel)).toBe(false);
    }
  });
});

describe("hour buckets", () => {
  it("puts a moment into its UTC day and hour, and a bucket starts on the full hour", () => {
    expect(hourBucket(at("2026-10-25T00:59:59.999Z"))).toEqual({ day: "2026-10-25", hour: 0 });
    expect(hourBucket(at("2026-12-31T23:30:00+01:00"))).toEqual({ day: "2026-12-31", hour: 22 });
    expect(hourBucket(at("2026-01-01T00:30:00+01:00"))).toEqual({ day: "2025-12-31", hour: 23 });
    expect(bucketStart({ day: "2026-03-29", hour: 1 })).toEqual(at("2026-03-29T01:00:00Z"));
    expect(bucketStart({ day: "2026-03-29", hour: 23 })).toEqual(at("2026-03-29T23:00:00Z"));
    const moment = at("2026-07-14T17:42:05Z");
    expect(bucketStart(hourBucket(moment))).toEqual(at("2026-07-14T17:00:00Z"));
  });
});

describe("hours of the week in a time zone", () => {
  it("gives weekday (Monday 0) and hour 0–23 on the local clock, across DST changes", () => {
    expect(weekHour(at("2026-10-26T00:00:00Z"), BERLIN)).toEqual({ weekday: 0, hour: 1 }); // CET
    expect(weekHour(at("2026-10-25T23:30:00Z"), BERLIN)).toEqual({ weekday: 0, hour: 0 }); // midnight is 0, not 24
    expect(weekHour(at("2026-10-25T00:30:00Z"), BERLIN)).toEqual({ weekday: 6, hour: 2 }); // 02:30 CEST
    expect(weekHour(at("2026-10-25T01:30:00Z"), BERLIN)).toEqual({ weekday: 6, hour: 2 }); // 02:30 CET, again
    expect(weekHour(at("2026-10-25T02:30:00Z"), BERLIN)).toEqual({ weekday: 6, hour: 3 });
    expect(weekHour(at("2026-03-29T00:30:00Z"), BERLIN)).toEqual({ weekday: 6, hour: 1 }); // 01:30 CET
    expect(weekHour(at("2026-03-29T01:30:00Z"), BERLIN)).toEqual({ weekday: 6, hour: 3 }); // 03:30 CEST: 02 skipped
    expect(weekHour(at("2026-03-29T22:00:00Z"), BERLIN)).toEqual({ weekday: 0, hour: 0 });
    expect(weekHour(at("2026-10-26T03:00:00Z"), NEW_YORK)).toEqual({ weekday: 6, hour: 23 }); // EDT
    expect(weekHour(at("2026-11-02T04:00:00Z"), NEW_YORK)).toEqual({ weekday: 6, hour: 23 }); // EST
  });

  it("finds the local Monday 00:00 of the week, to the hour", () => {
    expect(weekStartIn(at("2026-10-28T12:34:00Z"), BERLIN)).toEqual(at("2026-10-25T23:00:00Z"));
    expect(weekStartIn(at("2026-04-01T12:00:00Z"), BERLIN)).toEqual(at("2026-03-29T22:00:00Z"));
    // Weeks that contain the change: they began before it, on the other offset.
    expect(weekStartIn(at("2026-10-25T20:00:00Z"), BERLIN)).toEqual(at("2026-10-18T22:00:00Z"));
    expect(weekStartIn(at("2026-03-29T20:00:00Z"), BERLIN)).toEqual(at("2026-03-22T23:00:00Z"));
    // Exactly at, just before and just after the start.
    expect(weekStartIn(at("2026-10-25T23:00:00Z"), BERLIN)).toEqual(at("2026-10-25T23:00:00Z"));
    expect(weekStartIn(at("2026-10-25T23:45:00Z"), BERLIN)).toEqual(at("2026-10-25T23:00:00Z"));
    expect(weekStartIn(at("2026-10-25T22:59:59Z"), BERLIN)).toEqual(at("2026-10-18T22:00:00Z"));
    expect(weekStartIn(at("2026-10-28T15:00:00Z"), NEW_YORK)).toEqual(at("2026-10-26T04:00:00Z"));
    expect(weekStartIn(at("2026-11-04T15:00:00Z"), NEW_YORK)).toEqual(at("2026-11-02T05:00:00Z"));
  });
});

describe("when readers read", () => {
  const read = (day: string, hour: number, count: number, channel: "page" | "feed" = "page", updateId = ""): ReadBucket => ({ updateId, channel, day, hour, count });

  it("adds page views and feed fetches per local hour of the week", () => {
    const buckets = [
      read("2026-10-26", 7, 3), // Monday 08:00 CET
      read("2026-10-26", 7, 2, "feed"),
      read("2026-11-02", 7, 1, "page", "u1"), // a week later, same hour
      read("2026-10-25", 0, 4), // Sunday 02:00 CEST
      read("2026-10-25", 1, 5), // Sunday 02:00 CET, the repeated hour
      read("2026-10-25", 22, 6), // Sunday 23:00 CET
      read("2026-03-29", 1, 7), // Sunday 03:00 CEST
    ];
    expect(readingGrid(buckets, BERLIN)).toEqual(grid([[0, 8, 6], [6, 2, 9], [6, 23, 6], [6, 3, 7]]));
    expect(readingGrid(buckets, NEW_YORK)).toEqual(grid([[0, 3, 5], [0, 2, 1], [5, 20, 4], [5, 21, 5 + 7], [6, 18, 6]])); // EDT, then EST
    expect(readingGrid([], BERLIN)).toEqual(grid());
  });
});

describe("share of email followers in quiet hours", () => {
  const night = { quietStart: 1320, quietEnd: 420 }; // 22:00–07:00, wraps midnight
  const share = (h: number, also: number[], n: number) => ((NIGHT.includes(h) ? 1 : 0) + (also.includes(h) ? 1 : 0)) / n;

  it("is null without email followers", () => {
    expect(quietShareGrid([], BERLIN, at("2026-10-25T23:00:00Z"))).toBeNull();
  });

  it("weighs followers in their own zones; no or empty quiet hours are never quiet", () => {
    const followers = [
      { ...night, timeZone: BERLIN },
      { ...night, timeZone: NEW_YORK },
      { quietStart: null, quietEnd: null, timeZone: BERLIN },
      { quietStart: 480, quietEnd: 480, timeZone: BERLIN },
    ];
    // Week of 2026-10-26: Berlin is on CET already, New York still on EDT (5 hours behind) until
    // Sunday 1 November, 02:00 EDT; from then on it is 6 hours behind.
    const late = quietShareGrid(followers, BERLIN, weekStartIn(at("2026-10-28T12:00:00Z"), BERLIN))!;
    const weekday = Array.from({ length: 24 }, (_, h) => share(h, range(3, 12), 4));
    expect(weekday.slice(0, 14)).toEqual([0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25, 0, 0]);
    expect(late.slice(0, 6)).toEqual(Array(6).fill(weekday));
    expect(late[6]).toEqual(Array.from({ length: 24 }, (_, h) => share(h, range(3, 13), 4))); // the night is an hour longer
    // Week of 2026-11-02: both on standard time, 6 hours apart.
    const after = quietShareGrid(followers, BERLIN, weekStartIn(at("2026-11-04T12:00:00Z"), BERLIN))!;
    expect(after).toEqual(Array(7).fill(Array.from({ length: 24 }, (_, h) => share(h, range(4, 13), 4))));
    // Week of 2026-03-30: Berlin on CEST, New York on EDT, 6 hours apart.
    const spring = quietShareGrid(followers, BERLIN, weekStartIn(at("2026-04-01T12:00:00Z"), BERLIN))!;
    expect(spring).toEqual(Array(7).fill(Array.from({ length: 24 }, (_, h) => share(h, range(4, 13), 4))));
  });

  it("handles quiet hours that do not wrap and a publisher in another zone", () => {
    const lunch = [{ quietStart: 780, quietEnd: 840, timeZone: BERLIN }]; // 13:00–14:00
    expect(quietShareGrid(lunch, BERLIN, at("2026-10-25T23:00:00Z"))).toEqual(Array(7).fill(row([13])));
    // A Berlin night seen from New York (EST, 6 hours behind): 16:00–01:00.
    const berlinNight = [{ ...night, timeZone: BERLIN }];
    expect(quietShareGrid(berlinNight, NEW_YORK, weekStartIn(at("2026-11-04T15:00:00Z"), NEW_YORK))).toEqual(Array(7).fill(row([0, ...range(16, 24)])));
  });

  it("fills every hour of a week in which the clocks change (169 or 167 hours long)", () => {
    const berlinNight = [{ ...night, timeZone: BERLIN }];
    const autumn = quietShareGrid(berlinNight, BERLIN, weekStartIn(at("2026-10-25T20:00:00Z"), BERLIN))!;
    expect(autumn[6][23]).toBe(1); // Sunday 23:00 CET, the 169th hour
    expect(autumn).toEqual(Array(7).fill(row(NIGHT)));
    const spring = quietShareGrid(berlinNight, BERLIN, weekStartIn(at("2026-03-29T20:00:00Z"), BERLIN))!;
    expect(spring[6][2]).toBe(1); // Sunday 02:00 does not exist that week; the hour still stands for the night
    expect(spring).toEqual(Array(7).fill(row(NIGHT)));
  });
});

describe("suggested publishing window", () => {
  it("says nothing below MIN_READS_FOR_WINDOW reads", () => {
    expect(MIN_READS_FOR_WINDOW).toBe(20);
    expect(suggestWindow(grid([[1, 8, 10], [1, 9, 9]]), null)).toBeNull();
    expect(suggestWindow(grid(), null)).toBeNull();
    expect(suggestWindow(grid([[1, 8, 10], [1, 9, 10]]), null)).toEqual({ weekday: 1, hour: 8, hours: 2, reads: 20, quietShare: 0 });
  });

  it("wraps from Sunday 23:00 into Monday 00:00", () => {
    const reads = grid([[6, 23, 12], [0, 0, 12], [3, 12, 5]]);
    expect(suggestWindow(reads, null)).toEqual({ weekday: 6, hour: 23, hours: 2, reads: 24, quietShare: 0 });
  });

  it("gives ties to the earliest hour of the week", () => {
    expect(suggestWindow(grid([[3, 5, 10], [0, 5, 10]]), null)).toEqual({ weekday: 0, hour: 4, hours: 2, reads: 10, quietShare: 0 });
  });

  it("weighs reads by the share of email followers who are not in quiet hours", () => {
    const reads = grid([[0, 7, 15], [0, 8, 15], [2, 18, 12], [2, 19, 12]]);
    expect(suggestWindow(reads, null)).toMatchObject({ weekday: 0, hour: 7, reads: 30 });
    expect(suggestWindow(reads, grid())).toMatchObject({ weekday: 0, hour: 7, reads: 30, quietShare: 0 });
    const quiet = grid([[0, 7, 1], [0, 8, 0.5], [2, 18, 0.25]]); // Monday scores 7.5, Wednesday 21
    expect(suggestWindow(reads, quiet)).toEqual({ weekday: 2, hour: 18, hours: 2, reads: 24, quietShare: 0.25 });
  });
});

describe("reach per update", () => {
  const read = (updateId: string, channel: "page" | "feed", day: string, hour: number, count: number): ReadBucket => ({ updateId, channel, day, hour, count });
  const a = { id: "a", title: "A", publishedAt: at("2026-11-02T10:20:00Z") };
  const b = { id: "b", title: "B", publishedAt: at("2026-11-04T12:40:00Z") };
  const now = at("2026-11-10T15:10:00Z");

  it("counts own-page views on days 0–6 and cause reads while each update was the newest, each read once", () => {
    const buckets = [
      read("", "page", "2026-11-02", 9, 100), // before the first update
      read("", "page", "2026-11-02", 10, 1), // the publishing hour of a
      read("", "feed", "2026-11-03", 8, 2),
      read("", "page", "2026-11-04", 11, 4), // the last full hour before b
      read("", "page", "2026-11-04", 12, 8), // b's publishing hour: b's
      read("", "feed", "2026-11-04", 12, 16),
      read("", "feed", "2026-11-10", 15, 32), // the hour of now
      read("a", "page", "2026-11-02", 9, 200), // before a was out
      read("a", "page", "2026-11-02", 10, 1), // day 0
      read("a", "page", "2026-11-03", 9, 2), // 23 hours in: still day 0
      read("a", "page", "2026-11-03", 10, 4), // day 1
      read("a", "page", "2026-11-09", 9, 8), // day 6
      read("a", "page", "2026-11-09", 10, 300), // day 7: no longer shown
      read("b", "page", "2026-11-04", 12, 64),
      read("gone", "page", "2026-11-05", 10, 500),
    ];
    const updates = [b, a];
    const reach = reachPerUpdate(updates, buckets, now);
    expect(updates).toEqual([b, a]);
    expect(reach).toEqual([
      { ...b, ownViews: [64, 0, 0, 0, 0, 0, 0], pageViews: 8, feedFetches: 48, total: 120 },
      { ...a, ownViews: [3, 4, 0, 0, 0, 0, 8], pageViews: 5, feedFetches: 2, total: 22 },
    ]);
  });

  it("gives an hour two updates share to the later one", () => {
    const c = { id: "c", title: "C", publishedAt: at("2026-11-02T10:10:00Z") };
    const d = { id: "d", title: "D", publishedAt: at("2026-11-02T10:50:00Z") };
    const reach = reachPerUpdate([c, d], [read("", "page", "2026-11-02", 10, 5), read("", "page", "2026-11-02", 11, 1)], now);
    expect(reach.map((r) => [r.id, r.pageViews])).toEqual([["d", 6], ["c", 0]]);
  });

  it("is empty without updates and zero without reads", () => {
    expect(reachPerUpdate([], [read("", "page", "2026-11-02", 10, 5)], now)).toEqual([]);
    expect(reachPerUpdate([a], [], now)).toEqual([{ ...a, ownViews: [0, 0, 0, 0, 0, 0, 0], pageViews: 0, feedFetches: 0, total: 0 }]);
  });
});
