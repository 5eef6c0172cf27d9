import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./rules";

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
