/**
 * One home for each idea (issue 14), kept so by reading the source: the database's address rules
 * live in lib/db-url.mjs, and only lib/db* touches the generated Prisma clients.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", "generated", ".next", "data", "test-results", ".artifacts"]);

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name) && !entry.name.startsWith(".next")) sources(relative, out);
    } else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) out.push(relative);
  }
  return out;
}

const files = ["lib", "app", "components", "scripts", "tests", "prisma", "e2e"].flatMap((dir) => sources(dir)).concat(["prisma.config.ts", "proxy.ts"]);
const where = (pattern: RegExp) => files.filter((file) => pattern.test(fs.readFileSync(path.join(root, file), "utf8"))).sort();

describe("one home for each idea", () => {
  it("keeps the database address rules in lib/db-url.mjs", () => {
    expect(where(/\/\^postgres\(ql\)/)).toEqual(["lib/db-url.mjs"]);
    expect(where(/"file:\.\/data\/herzensthema\.db"/)).toEqual(["lib/db-url.mjs"]);
    expect(where(/loadEnvConfig\(/)).toEqual(["lib/db-url.mjs"]);
  });

  it("lets only lib/db* import the generated Prisma clients", () => {
    const importers = where(/from\s+["'][^"']*generated\/(sqlite|postgres)/);
    expect(importers.filter((file) => !/^lib\/db[^/]*\.(ts|mjs)$/.test(file))).toEqual([]);
  });
});
