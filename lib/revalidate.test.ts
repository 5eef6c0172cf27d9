import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHOWN_ON } from "./revalidate";

// Every page a write revalidates must exist: a pattern that names no route file revalidates nothing,
// silently (a missing route group is the easy mistake).
const app = path.join(__dirname, "..", "app");
const pageDirs = fs
  .readdirSync(app, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "page.tsx")
  .map((file) => `/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\\/g, "/") || "/");
const urlOf = (dir: string) => dir.replace(/\/\([^)]+\)/g, "") || "/";

describe("the pages each change revalidates", () => {
  const entries = Object.entries(SHOWN_ON).flatMap(([change, pages]) => pages.map((page) => ({ change, ...page })));

  it.each(entries)("$change: $path ($type) is a route of this app", ({ path: shown, type }) => {
    if (type === "page") expect(pageDirs).toContain(shown);
    else if (type === "layout") expect(pageDirs.some((dir) => dir === shown || dir.startsWith(`${shown}/`) || shown === "/")).toBe(true);
    else {
      expect(shown).not.toMatch(/[[(]/); // a plain path is a URL, not a pattern
      expect(pageDirs.map(urlOf)).toContain(shown);
    }
  });

  it("name each page at most once per change", () => {
    for (const pages of Object.values(SHOWN_ON)) {
      const keys = pages.map((page) => `${page.type ?? ""}:${page.path}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
