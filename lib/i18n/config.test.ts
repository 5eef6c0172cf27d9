import { describe, expect, it } from "vitest";
import { pickLocale } from "./config";

describe("pickLocale", () => {
  it("prefers the cookie the reader chose", () => {
    expect(pickLocale("en", "de-DE,de;q=0.9")).toBe("en");
  });
  it("negotiates the browser's languages", () => {
    expect(pickLocale(undefined, "en-US,en;q=0.9,de;q=0.8")).toBe("en");
    expect(pickLocale(undefined, "fr-FR,de-AT;q=0.8,en;q=0.5")).toBe("de");
    expect(pickLocale(undefined, "de-CH")).toBe("de");
  });
  it("falls back to German for unknown or missing preferences and ignores forged cookies", () => {
    expect(pickLocale(undefined, "fr-FR")).toBe("de");
    expect(pickLocale(undefined, undefined)).toBe("de");
    expect(pickLocale("xx", "")).toBe("de");
  });
});
