import { describe, expect, it } from "vitest";
import { lineField, textField } from "./fields";

const title = lineField({ min: 3, max: 120, tooShort: "titleTooShort", tooLong: "titleTooLong" });
const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("lineField", () => {
  it("keeps ordinary text, right-to-left script and emoji", () => {
    for (const ok of ["Saubere Spree", "حديقة الحي", "Bäume 🌳 für die Südstadt", "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"]) {
      expect(title.parse(`  ${ok} `)).toBe(ok);
    }
  });
  it("refuses CR/LF smuggled towards a mail header, with its own message", () => {
    for (const bad of ["Hello\r\nBcc: victim@example.org", "one\ntwo", "a\u2028b"]) {
      expect(messages(title.safeParse(bad))).toContain("lineBreak");
    }
  });
  it("refuses bidi overrides and isolates that disguise text", () => {
    for (const bad of ["invoice\u202Efdp.exe", "a\u2066b\u2069", "\u202Aabc"]) {
      expect(messages(title.safeParse(bad))).toContain("bidiControl");
    }
  });
  it("drops control characters and checks the length after trimming", () => {
    expect(title.parse("ab\u0000c")).toBe("abc");
    expect(messages(title.safeParse("  ab  "))).toEqual(["titleTooShort"]);
    expect(messages(title.safeParse("x".repeat(1_000_000)))).toEqual(["titleTooLong"]);
  });
});

describe("textField", () => {
  it("allows line breaks but not bidi overrides", () => {
    const note = textField({ max: 500, tooLong: "noteTooLong" });
    expect(note.parse("Hallo,\nwir laden euch ein.")).toBe("Hallo,\nwir laden euch ein.");
    expect(messages(note.safeParse("\u202Ehello"))).toContain("bidiControl");
  });
});
