import { describe, expect, it } from "vitest";
import { safeDecode } from "./text";

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
