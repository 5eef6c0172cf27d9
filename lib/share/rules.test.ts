import { describe, expect, it } from "vitest";
import { dayKey, isCountableVisit, isValidRefCode, refCodeFromLabel } from "./rules";

const fixed = () => 0; // always the first letter of the suffix alphabet

describe("refCodeFromLabel", () => {
  it("keeps the first words readable and adds a short suffix", () => {
    expect(refCodeFromLabel("Mastodon-Thread zu Wohnen", fixed)).toBe("mastodon-thread-zu-222");
    expect(refCodeFromLabel("XING-Gruppe Kommunikation", fixed)).toBe("xing-gruppe-222");
  });
  it("always yields a valid code, also for labels without letters", () => {
    for (const label of ["🌱🌱", "<script>", "a".repeat(80), "Über Straße"]) {
      expect(isValidRefCode(refCodeFromLabel(label))).toBe(true);
    }
  });
  it("varies the suffix", () => {
    const codes = new Set(Array.from({ length: 50 }, () => refCodeFromLabel("Forum")));
    expect(codes.size).toBeGreaterThan(40);
  });
});

describe("isValidRefCode", () => {
  it("accepts codes like the generator's and refuses the rest", () => {
    expect(isValidRefCode("forum-k7q")).toBe(true);
    for (const bad of ["", "ab", "UPPER", "with space", "a--b", "x".repeat(41), "<script>"]) expect(isValidRefCode(bad)).toBe(false);
  });
});

describe("dayKey", () => {
  it("buckets by UTC day", () => {
    expect(dayKey(new Date("2026-11-26T23:59:59Z"))).toBe("2026-11-26");
    expect(dayKey(new Date("2026-11-27T00:30:00+01:00"))).toBe("2026-11-26");
  });
});

describe("isCountableVisit", () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);
  const navigation = { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate" };
  it("counts a browser opening the page", () => {
    expect(isCountableVisit(headers(navigation))).toBe(true);
  });
  it("does not count re-renders after a follow, client navigations, prefetches or preview bots", () => {
    expect(isCountableVisit(headers({ ...navigation, "next-action": "abc" }))).toBe(false);
    expect(isCountableVisit(headers({ "sec-fetch-dest": "empty", "sec-fetch-mode": "cors", rsc: "1" }))).toBe(false);
    expect(isCountableVisit(headers({ ...navigation, "next-router-prefetch": "1" }))).toBe(false);
    expect(isCountableVisit(headers({ "user-agent": "Mastodon/4.3 (http.rb/5.1; +https://social.example/)" }))).toBe(false);
  });
});
