import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shapeArabic } from "./arabic";
import { readCmapCoverage } from "./cmap";
import { fitToFonts, markdownExcerpt, textDirection, truncate, visualLines } from "./text";

const geist = readCmapCoverage(fs.readFileSync(path.join(process.cwd(), "node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf")));
// A stand-in for a fallback font that covers Hebrew and Arabic.
const rtlFont = new Set([..."שלוםעירקןנימבהحرمالعبا"].map((c) => c.codePointAt(0)!));

describe("readCmapCoverage", () => {
  it("reads which characters the font has", () => {
    for (const c of "AZaz09äöüßÄ€—„“…") expect(geist.has(c.codePointAt(0)!), c).toBe(true);
    expect(geist.has("ש".codePointAt(0)!)).toBe(false);
    expect(geist.has(0x1f333)).toBe(false);
  });

  it("answers an empty set for something that is not a font", () => {
    expect(readCmapCoverage(new Uint8Array(64)).size).toBe(0);
  });
});

describe("fitToFonts", () => {
  it("keeps German text as it is", () => {
    expect(fitToFonts("Bäume für die Südstadt — „jetzt“", [geist])).toBe("Bäume für die Südstadt — „jetzt“");
  });

  it("drops emoji of every kind (flags, ZWJ families, skin tones, VS16) and tidies the spaces", () => {
    expect(fitToFonts("Bäume 🌳 für 👩‍👩‍👧 die 🇩🇪 Süd👍🏽stadt ❤️", [geist, rtlFont])).toBe("Bäume für die Südstadt");
  });

  it("drops what no font covers and keeps what a fallback font covers", () => {
    expect(fitToFonts("Hi 日本 שלום", [geist])).toBe("Hi");
    expect(fitToFonts("Hi 日本 שלום", [geist, rtlFont])).toBe("Hi שלום");
  });

  it("turns control characters and line breaks into single spaces and removes bidi marks", () => {
    expect(fitToFonts("a\n\tb\u0000c\u200fd\u2028e", [geist])).toBe("a b cd e");
  });

  it("composes letters with combining marks (NFC) and keeps the letter when a mark is missing", () => {
    expect(fitToFonts("Cafe\u0301", [geist])).toBe("Café");
    expect(fitToFonts("x\u0489", [geist])).toBe("x");
  });
});

describe("truncate", () => {
  it("leaves short text alone and cuts long text at a word with an ellipsis", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("one two three four five", 15)).toBe("one two three…");
  });

  it("never splits a grapheme", () => {
    expect(truncate("ééééééé", 4)).toBe("ééé…");
  });
});

describe("bidi for the images", () => {
  it("takes the direction from the first strong character", () => {
    expect(textDirection("שלום world")).toBe("rtl");
    expect(textDirection("123 مرحبا")).toBe("rtl");
    expect(textDirection("Hello שלום")).toBe("ltr");
    expect(textDirection("123")).toBe("ltr");
  });

  it("puts Hebrew words into visual order, mirrors brackets and keeps Latin runs together", () => {
    expect(visualLines("שלום (עולם) New York 2026")).toEqual({ dir: "rtl", items: ["םולש", "(םלוע)", "New York 2026"] });
  });

  it("leaves Arabic words to the shaper, which orders them itself", () => {
    expect(visualLines("مرحبا بالعالم").items).toEqual(["مرحبا", "بالعالم"]);
  });

  it("reverses a right-to-left stretch inside a left-to-right line", () => {
    expect(visualLines("Shalom means שלום עולם here")).toEqual({ dir: "ltr", items: ["Shalom means םלוע םולש here"] });
  });
});

describe("markdownExcerpt", () => {
  it("strips the markup and keeps link texts", () => {
    expect(markdownExcerpt("## About\n\nWe care about **trees**. See [our notes](https://example.org).\n\n- one\n- two")).toBe(
      "About We care about trees. See our notes. one two",
    );
  });
});

describe("bidi for shaped Arabic", () => {
  it("reverses joined-shape Arabic words itself and keeps numbers reading left to right", () => {
    const shaped = shapeArabic("مرحبا 2026");
    const { dir, items } = visualLines(shaped);
    expect(dir).toBe("rtl");
    expect(items).toEqual([[...shapeArabic("مرحبا")].reverse().join(""), "2026"]);
    expect(visualLines("ב-2026").items).toEqual(["2026-ב"]);
  });
});
