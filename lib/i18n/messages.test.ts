import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { messages } from "./messages";

const { de, en } = messages;

function keys(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("translations", () => {
  it("German and English have exactly the same keys", () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it("loads every area file, and no two files define the same message", () => {
    const dir = path.join(__dirname, "messages");
    for (const locale of ["de", "en"] as const) {
      const files = fs.readdirSync(dir).filter((f) => f === `${locale}.json` || f.endsWith(`.${locale}.json`));
      const leaves = files.flatMap((f) => keys(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))));
      expect(new Set(leaves).size).toBe(leaves.length);
      expect(keys(messages[locale]).sort()).toEqual([...leaves].sort());
    }
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
