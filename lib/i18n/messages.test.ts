import { describe, expect, it } from "vitest";
import de from "./messages/de.json";
import en from "./messages/en.json";

function keys(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("translations", () => {
  it("German and English have exactly the same keys", () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it("have no empty messages", () => {
    for (const messages of [de, en]) {
      const empty = keys(messages).filter((key) => {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});
