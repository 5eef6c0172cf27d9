#!/usr/bin/env node
// `npm test`: the whole suite — unit + integration (SQLite, and PostgreSQL when one answers) with
// vitest, then the browser stories with Playwright in Debian's Chromium. Each runner prints its
// own summary; the last line adds them up as "N passed, N failed, N skipped".
import "./node-version.mjs";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-test-"));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/herzensthema_test";

async function postgresReachable() {
  const pg = require("pg");
  const client = new pg.Client({
    connectionString: Object.assign(new URL(postgresUrl), { pathname: "/postgres" }).toString(),
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function run(label, command, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

const projects = ["unit", "integration-sqlite"];
if (await postgresReachable()) projects.push("integration-postgres");
else console.log(`\nNOTICE: PostgreSQL is not reachable (${new URL(postgresUrl).host}); integration tests run on SQLite only.`);

const vitestJson = path.join(reports, "vitest.json");
const vitestStatus = run("vitest: " + projects.join(", "), process.execPath, [
  path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs"),
  "run",
  ...projects.flatMap((p) => ["--project", p]),
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);

const playwrightJson = path.join(reports, "playwright.json");
const playwrightStatus = run(
  "playwright: browser stories",
  process.execPath,
  [path.join(path.dirname(require.resolve("@playwright/test/package.json")), "cli.js"), "test", "--reporter=list,json"],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
);

const totals = { passed: 0, failed: 0, skipped: 0 };
try {
  const v = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests + (v.numTotalTestSuites && !v.success && v.numFailedTests === 0 ? 1 : 0);
  totals.skipped += v.numPendingTests + v.numTodoTests;
} catch {
  totals.failed += 1; // vitest did not report: count the run as a failure
}
try {
  const p = JSON.parse(fs.readFileSync(playwrightJson, "utf8")).stats;
  totals.passed += p.expected + p.flaky;
  totals.failed += p.unexpected;
  totals.skipped += p.skipped;
} catch {
  totals.failed += 1;
}
fs.rmSync(reports, { recursive: true, force: true });

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(vitestStatus || playwrightStatus || (totals.failed ? 1 : 0));
