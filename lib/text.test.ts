import { describe, expect, it } from "vitest";
import { safeDecode, searchFold } from "./text";

describe("safeDecode", () => {
  it("decodes well-formed percent-encoding", () => {
    expect(safeDecode("abc.DEF_-123")).toBe("abc.DEF_-123");
    expect(safeDecode("a%2Eb%25c")).toBe("a.b%c");
    expect(safeDecode("K%C3%B6ln")).toBe("Köln");
  });

  it("returns null instead of throwing on malformed input", () => {
    for (const bad of ["%E0", "%", "abc%2", "%ZZ", "%C3%28", "%ED%A0%80"]) expect(safeDecode(bad), bad).toBeNull();
  });
});

describe("searchFold", () => {
  it("ignores case and accents, and spells ß as ss", () => {
    expect(searchFold("Schulhöfe")).toContain(searchFold("schulhofe"));
    expect(searchFold("Repair Café")).toBe(searchFold("repair cafe"));
    expect(searchFold("Straße")).toBe("strasse");
    expect(searchFold("ＡＢＣ")).toBe("abc");
  });
  it("turns LIKE wildcards and the escape character into plain characters", () => {
    for (const wild of ["%", "_", "\\", "50%", "a_b"]) expect(searchFold(wild)).not.toMatch(/[%_\\]/);
    expect(searchFold("50%")).not.toBe(searchFold("50"));
  });
  it("leaves right-to-left text and emoji searchable", () => {
    expect(searchFold("حديقة الحي")).toBe("حديقة الحي");
    expect(searchFold("Bäume 🌳")).toBe("baume 🌳");
  });
});
