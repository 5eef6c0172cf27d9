import { describe, expect, it } from "vitest";
import { maySendSignInMail, safeReturnPath } from "./rules";

describe("safeReturnPath", () => {
  it("keeps paths on this site with their query and hash", () => {
    expect(safeReturnPath("/c/saubere-spree?ref=forum-k7q&counted=1")).toBe("/c/saubere-spree?ref=forum-k7q&counted=1");
    expect(safeReturnPath("/feed#top")).toBe("/feed#top");
  });
  it("refuses everything a browser could read as another host", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "/\tevil.example", "/%09/evil.example".replace("%09", "\t"), "https://evil.example", "javascript:alert(1)", "", undefined, ["/feed"], "/\n/evil"]) {
      expect(safeReturnPath(bad)).toBe("/feed");
    }
  });
  it("normalises dot segments instead of letting them escape", () => {
    expect(safeReturnPath("/a/../../b")).toBe("/b");
  });
});

describe("maySendSignInMail", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  it("allows the first mail and one a minute later", () => {
    expect(maySendSignInMail([], now)).toBe(true);
    expect(maySendSignInMail([ago(2)], now)).toBe(true);
  });
  it("refuses a second mail within a minute and a sixth within an hour", () => {
    expect(maySendSignInMail([ago(0.5)], now)).toBe(false);
    expect(maySendSignInMail([ago(5), ago(15), ago(25), ago(35), ago(45)], now)).toBe(false);
    expect(maySendSignInMail([ago(5), ago(15), ago(25), ago(35), ago(75)], now)).toBe(true);
  });
});
