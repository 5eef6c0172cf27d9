#!/usr/bin/env node
// `npm test`: the whole suite — unit + integration (SQLite, and PostgreSQL when one answers) with
// vitest, then the browser stories with Playwright in Debian's Chromium. Each runner prints its
// own summary; the last line adds them up as "N passed, N failed, N skipped".
//
// The integration tests run file after file on each database (they share one), so one run keeps a
// single core busy. The PostgreSQL half and the browser stories' production build therefore run
// beside the SQLite half, each printing its output when it is done; then the stories run alone,
// since on two cores they are slowed by anything beside them (measured: see README, "Tests").
import "./node-version.mjs";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-test-"));
// One id for this run: the build made beside vitest is the one Playwright's servers then use
// (scripts/e2e-server.mjs builds once per E2E_RUN_ID).
const runId = process.env.E2E_RUN_ID ?? `test-${process.pid}-${Date.now()}`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", E2E_RUN_ID: runId };
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/herzensthema_test";
const vitestBin = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");

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

/** Starts a command beside the others, its output into a file; `done` gives its status and output. */
function runBeside(label, command, args, extraEnv = {}) {
  const logFile = path.join(reports, `${label.replace(/\W+/g, "-")}.log`);
  const out = fs.openSync(logFile, "w");
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", out, out], env: { ...env, ...extraEnv } });
  fs.closeSync(out);
  const done = new Promise((resolve) => {
    child.on("error", () => resolve(1));
    child.on("exit", (code) => resolve(code ?? 1));
  });
  return { label, done: () => done.then((status) => ({ status, output: fs.readFileSync(logFile, "utf8") })) };
}

const vitestArgs = (projects, json) => [vitestBin, "run", ...projects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${json}`];
const vitestJsons = [path.join(reports, "vitest.json")];

const beside = [runBeside("browser stories: production build", process.execPath, ["scripts/e2e-server.mjs", "--build-only"])];
if (await postgresReachable()) {
  vitestJsons.push(path.join(reports, "vitest-postgres.json"));
  beside.push(runBeside("vitest: integration-postgres", process.execPath, vitestArgs(["integration-postgres"], vitestJsons[1]), { FORCE_COLOR: "1" }));
} else console.log(`\nNOTICE: PostgreSQL is not reachable (${new URL(postgresUrl).host}); integration tests run on SQLite only.`);
console.log(`\n▶ beside the next step: ${beside.map((b) => b.label).join("; ")}`);

let vitestStatus = run("vitest: unit, integration-sqlite", process.execPath, vitestArgs(["unit", "integration-sqlite"], vitestJsons[0]));
let buildStatus = 0;
for (const job of beside) {
  const { status, output } = await job.done();
  console.log(`\n▶ ${job.label} (ran beside)\n${output.trimEnd()}`);
  if (job.label.startsWith("vitest")) vitestStatus ||= status;
  else buildStatus = status;
}

const playwrightJson = path.join(reports, "playwright.json");
// A failed build is built again (and fails in view) by the stories' own server start.
const playwrightStatus = run(
  "playwright: browser stories",
  process.execPath,
  [path.join(path.dirname(require.resolve("@playwright/test/package.json")), "cli.js"), "test", "--reporter=list,json"],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
);

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of vitestJsons) {
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8"));
    totals.passed += v.numPassedTests;
    totals.failed += v.numFailedTests + (v.numTotalTestSuites && !v.success && v.numFailedTests === 0 ? 1 : 0);
    totals.skipped += v.numPendingTests + v.numTodoTests;
  } catch {
    totals.failed += 1; // vitest did not report: count the run as a failure
  }
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

if (buildStatus) console.log("\nThe production build beside vitest failed; the stories built again (above).");
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(vitestStatus || playwrightStatus || (totals.failed ? 1 : 0));
