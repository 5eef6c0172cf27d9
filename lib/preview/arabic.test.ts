import { describe, expect, it } from "vitest";
import { hasUnshapedArabic, shapeArabic } from "./arabic";

const codes = (text: string) => [...text].map((c) => c.codePointAt(0)!.toString(16));

describe("shapeArabic", () => {
  it("gives each letter its joined shape: initial, medial, final, isolated", () => {
    // مرحبا: meem initial, reh final (right-joining), hah initial, beh medial, alef final
    expect(codes(shapeArabic("مرحبا"))).toEqual(["fee3", "feae", "fea3", "fe92", "fe8e"]);
    expect(codes(shapeArabic("ء"))).toEqual(["fe80"]);
  });

  it("joins lam and alef into one ligature and drops the optional vowel marks", () => {
    expect(codes(shapeArabic("لا"))).toEqual(["fefb"]);
    expect(codes(shapeArabic("سلام"))).toEqual(["feb3", "fefc", "fee1"]);
    expect(shapeArabic("معًا")).toBe(shapeArabic("معا"));
  });

  it("leaves other text, and words with letters it does not know, untouched", () => {
    expect(shapeArabic("Hello שלום 2026")).toBe("Hello שלום 2026");
    expect(shapeArabic("ہے")).toBe("ہے");
    expect(hasUnshapedArabic(shapeArabic("مرحبا بالعالم"))).toBe(false);
    expect(hasUnshapedArabic("مرحبا")).toBe(true);
  });
});
