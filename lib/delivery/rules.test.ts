import { describe, expect, it } from "vitest";
import {
  MAX_ATTEMPTS,
  cadenceOfKey,
  classifySmtpError,
  digestDueAt,
  digestPeriodContaining,
  inQuietHours,
  lastCompletedPeriod,
  nextOutsideQuietHours,
  nextRetryAt,
} from "./rules";

const utc = (iso: string) => new Date(iso);
const BERLIN = "Europe/Berlin";
const NIGHT = { quietStart: 22 * 60, quietEnd: 7 * 60 };

describe("digest periods", () => {
  it("daily: the local day, named by the day it ends on (delivery day)", () => {
    const p = digestPeriodContaining(utc("2026-06-10T12:00:00Z"), "daily", BERLIN);
    expect(p).toEqual({ key: "d:2026-06-11", periodStart: utc("2026-06-09T22:00:00Z"), periodEnd: utc("2026-06-10T22:00:00Z") });
  });

  it("daily across Berlin spring-forward (23 h) and fall-back (25 h)", () => {
    const spring = digestPeriodContaining(utc("2026-03-29T12:00:00Z"), "daily", BERLIN);
    expect(spring).toEqual({ key: "d:2026-03-30", periodStart: utc("2026-03-28T23:00:00Z"), periodEnd: utc("2026-03-29T22:00:00Z") });
    const fall = digestPeriodContaining(utc("2026-10-25T12:00:00Z"), "daily", BERLIN);
    expect(fall).toEqual({ key: "d:2026-10-26", periodStart: utc("2026-10-24T22:00:00Z"), periodEnd: utc("2026-10-25T23:00:00Z") });
  });

  it("last completed daily period in Los Angeles on the US DST day", () => {
    const p = lastCompletedPeriod(utc("2026-03-08T12:00:00Z"), "daily", "America/Los_Angeles");
    expect(p).toEqual({ key: "d:2026-03-08", periodStart: utc("2026-03-07T08:00:00Z"), periodEnd: utc("2026-03-08T08:00:00Z") });
  });

  it("weekly: 7 local days ending at midnight that starts the chosen weekday", () => {
    // Wednesday 2026-03-25 in Berlin: the Wednesday digest covers Wed 18 .. Tue 24.
    const wed = lastCompletedPeriod(utc("2026-03-25T09:00:00Z"), "weekly", BERLIN, 3);
    expect(wed).toEqual({ key: "w:2026-03-25", periodStart: utc("2026-03-17T23:00:00Z"), periodEnd: utc("2026-03-24T23:00:00Z") });
    // On Tuesday the last complete Wednesday week is the one before.
    expect(lastCompletedPeriod(utc("2026-03-24T09:00:00Z"), "weekly", BERLIN, 3).key).toBe("w:2026-03-18");
  });

  it("weekly across spring-forward is 167 hours and ends on the chosen weekday", () => {
    const p = lastCompletedPeriod(utc("2026-03-30T10:00:00Z"), "weekly", BERLIN, 1);
    expect(p).toEqual({ key: "w:2026-03-30", periodStart: utc("2026-03-22T23:00:00Z"), periodEnd: utc("2026-03-29T22:00:00Z") });
    expect(p.periodEnd.getTime() - p.periodStart.getTime()).toBe(167 * 3600_000);
    const sunday = lastCompletedPeriod(utc("2026-03-30T10:00:00Z"), "weekly", BERLIN, 7);
    expect(sunday.key).toBe("w:2026-03-29");
    expect(sunday.periodEnd).toEqual(utc("2026-03-28T23:00:00Z"));
  });

  it("weekly in Auckland (UTC+13 in January)", () => {
    const p = lastCompletedPeriod(utc("2026-01-12T00:00:00Z"), "weekly", "Pacific/Auckland", 1);
    expect(p).toEqual({ key: "w:2026-01-12", periodStart: utc("2026-01-04T11:00:00Z"), periodEnd: utc("2026-01-11T11:00:00Z") });
  });

  it("a period containing its own end moment is the next one", () => {
    const p = digestPeriodContaining(utc("2026-06-10T22:00:00Z"), "daily", BERLIN);
    expect(p.key).toBe("d:2026-06-12");
  });
});

describe("quiet hours", () => {
  it("wrapping range 22:00–07:00", () => {
    expect(inQuietHours(utc("2026-06-10T20:30:00Z"), BERLIN, NIGHT)).toBe(true); // 22:30
    expect(inQuietHours(utc("2026-06-10T04:59:00Z"), BERLIN, NIGHT)).toBe(true); // 06:59
    expect(inQuietHours(utc("2026-06-10T05:00:00Z"), BERLIN, NIGHT)).toBe(false); // 07:00
    expect(inQuietHours(utc("2026-06-10T19:59:00Z"), BERLIN, NIGHT)).toBe(false); // 21:59
  });

  it("no quiet hours when unset or empty", () => {
    expect(inQuietHours(utc("2026-06-10T23:00:00Z"), BERLIN, { quietStart: null, quietEnd: null })).toBe(false);
    expect(inQuietHours(utc("2026-06-10T23:00:00Z"), BERLIN, { quietStart: 60, quietEnd: 60 })).toBe(false);
  });

  it("non-wrapping range 12:00–14:00", () => {
    const lunch = { quietStart: 720, quietEnd: 840 };
    expect(nextOutsideQuietHours(utc("2026-06-10T10:30:00Z"), BERLIN, lunch)).toEqual(utc("2026-06-10T12:00:00Z"));
    expect(nextOutsideQuietHours(utc("2026-06-10T09:30:00Z"), BERLIN, lunch)).toEqual(utc("2026-06-10T09:30:00Z"));
  });

  it("evening and early-morning parts of a wrapping range end the next/same morning", () => {
    expect(nextOutsideQuietHours(utc("2026-06-10T21:00:00Z"), BERLIN, NIGHT)).toEqual(utc("2026-06-11T05:00:00Z"));
    expect(nextOutsideQuietHours(utc("2026-06-11T01:00:00Z"), BERLIN, NIGHT)).toEqual(utc("2026-06-11T05:00:00Z"));
  });

  it("Berlin spring-forward night: 23:30 CET → 07:00 CEST", () => {
    expect(nextOutsideQuietHours(utc("2026-03-28T22:30:00Z"), BERLIN, NIGHT)).toEqual(utc("2026-03-29T05:00:00Z"));
  });

  it("Berlin fall-back night: 23:00 CEST → 07:00 CET", () => {
    expect(nextOutsideQuietHours(utc("2026-10-24T21:00:00Z"), BERLIN, NIGHT)).toEqual(utc("2026-10-25T06:00:00Z"));
  });

  it("an end time inside the spring-forward gap moves forward, never back", () => {
    const gap = { quietStart: 60, quietEnd: 150 }; // 01:00–02:30, and 02:30 does not exist on 2026-03-29
    const from = utc("2026-03-29T00:30:00Z"); // 01:30 CET
    const next = nextOutsideQuietHours(from, BERLIN, gap);
    expect(next.getTime()).toBeGreaterThan(from.getTime());
    expect(inQuietHours(next, BERLIN, gap)).toBe(false);
    expect(next).toEqual(utc("2026-03-29T01:30:00Z")); // 03:30 CEST
  });

  it("Los Angeles quiet hours", () => {
    // 23:00 PST on 2026-03-07 → 07:00 PDT on 2026-03-08 (DST began at 02:00).
    expect(nextOutsideQuietHours(utc("2026-03-08T07:00:00Z"), "America/Los_Angeles", NIGHT)).toEqual(utc("2026-03-08T14:00:00Z"));
  });

  it("a digest is due at the period end, or when quiet hours end", () => {
    const p = lastCompletedPeriod(utc("2026-06-11T10:00:00Z"), "daily", BERLIN);
    expect(digestDueAt(p, BERLIN, NIGHT)).toEqual(utc("2026-06-11T05:00:00Z"));
    expect(digestDueAt(p, BERLIN, { quietStart: null, quietEnd: null })).toEqual(p.periodEnd);
  });
});

describe("retries and errors", () => {
  it("backs off 1m, 5m, 30m, 2h, 6h … and gives up after MAX_ATTEMPTS", () => {
    const now = utc("2026-06-10T10:00:00Z");
    const delay = (attempts: number) => (nextRetryAt(now, attempts)!.getTime() - now.getTime()) / 60_000;
    expect([1, 2, 3, 4, 5].map(delay)).toEqual([1, 5, 30, 120, 360]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(nextRetryAt(now, MAX_ATTEMPTS)).toBeNull();
    expect(nextRetryAt(now, MAX_ATTEMPTS - 1)).not.toBeNull();
  });

  it("classifies 5xx as permanent, 4xx and connection problems as transient", () => {
    expect(classifySmtpError({ code: "EENVELOPE", responseCode: 550, response: "550 5.1.1 No such user" })).toEqual({
      permanent: true,
      unreachable: false,
      reason: "550 5.1.1 No such user",
    });
    expect(classifySmtpError({ code: "EENVELOPE", responseCode: 451, response: "451 try later" }).permanent).toBe(false);
    const refused = classifySmtpError({ code: "ESOCKET", errno: -111, message: "connect ECONNREFUSED 127.0.0.1:25" });
    expect(refused).toMatchObject({ permanent: false, unreachable: true });
    expect(classifySmtpError({ code: "ETIMEDOUT", message: "Greeting never received" })).toMatchObject({ permanent: false, unreachable: true });
    expect(classifySmtpError({ code: "EAUTH", responseCode: 535, response: "535 bad auth" })).toMatchObject({ permanent: false, unreachable: true });
    expect(classifySmtpError(new Error("odd"))).toMatchObject({ permanent: false, unreachable: false });
  });

  it("reads key cadences", () => {
    expect(cadenceOfKey("d:2026-01-01")).toBe("daily");
    expect(cadenceOfKey("w:2026-01-01")).toBe("weekly");
    expect(cadenceOfKey("u:abc")).toBe("instant");
  });
});
