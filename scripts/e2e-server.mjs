#!/usr/bin/env node
// The app as Playwright tests it: a production build on a fresh SQLite file (demo data seeded),
// served by the app's own server (scripts/server.mjs, as `npm start` does), mails kept in the dev
// outbox so tests can follow sign-in links. Started by playwright.config.ts; `--build-only` makes
// the run's build and exits (npm test starts it beside vitest, scripts/test.mjs).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setupDatabase } from "./db-setup.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const buildOnly = process.argv.includes("--build-only");
const port = (buildOnly ? undefined : process.argv[2]) ?? "3100";
const dbFile = path.join(root, "data", port === "3100" ? "e2e.db" : `e2e-${port}.db`);

Object.assign(process.env, {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `file:${path.relative(root, dbFile)}`,
  APP_URL: `http://127.0.0.1:${port}`,
  AUTH_SECRET: "e2e-test-secret-0123456789abcdef0123456789",
  MAIL_TRANSPORT: "outbox",
  // The browser stories all come from this machine: per-client limits would treat them as one
  // visitor. Per-address and per-account limits still apply (tests/integration/rate-limit.test.ts
  // proves the per-client ones, scripts/server/gate.test.ts how the server tells clients apart).
  RATE_LIMIT_EXEMPT: process.env.RATE_LIMIT_EXEMPT ?? "127.0.0.1,::1",
  ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? "operator@example.org",
  // The shipped templates, so the legal pages have something to show (marked as templates).
  LEGAL_DIR: process.env.LEGAL_DIR ?? "deploy/legal",
  // e2e/websub.spec.ts: its subscriber listens on loopback too. Never on a public instance.
  WEBSUB_ALLOW_PRIVATE_CALLBACKS: "true",
  // e2e/fediverse.spec.ts: its fediverse server listens on loopback too. Never on a public instance.
  FEDIVERSE_ALLOW_PRIVATE_ADDRESS: "true",
  // e2e/operations.spec.ts scrapes /api/metrics with it.
  METRICS_TOKEN: process.env.METRICS_TOKEN ?? "e2e-metrics-token-0123456789abcdef",
});
// The server's log lines go to this file, which e2e/operations.spec.ts reads.
const logFile = path.join(root, "data", port === "3100" ? "e2e-server.log" : `e2e-server-${port}.log`);

const next = require.resolve("next/dist/bin/next");
if (buildOnly) {
  await buildOncePerRun();
  process.exit(0);
}

for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
await setupDatabase(process.env.DATABASE_URL);
const run = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(["--import", "tsx", "prisma/seed.ts"]);
if (process.env.E2E_SKIP_BUILD !== "1") await buildOncePerRun();

/**
 * Builds the app, once per Playwright run however many servers it starts (playwright.config.ts
 * gives them one E2E_RUN_ID): whoever holds the lock builds; the others wait for it and then find
 * the run's build stamped done. A lock left by a killed run is taken over after ten minutes.
 */
async function buildOncePerRun() {
  const lock = path.join(root, "data", "e2e-build.lock");
  const stamp = path.join(root, "data", "e2e-build.done");
  const runId = process.env.E2E_RUN_ID;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  let status = 0;
  const done = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8") : "";
  if (!runId || done !== runId) {
    fs.rmSync(stamp, { force: true });
    status = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit", env: process.env }).status ?? 1;
    if (status === 0 && runId) fs.writeFileSync(stamp, runId);
  }
  fs.rmSync(lock, { recursive: true, force: true });
  if (status !== 0) process.exit(status);
}

const server = spawn(process.execPath, ["scripts/server.mjs", "-p", port, "-H", "127.0.0.1"], { cwd: root, stdio: ["inherit", "pipe", "inherit"], env: process.env });
const log = fs.createWriteStream(logFile);
server.stdout.pipe(log);
// The terminal (Playwright's output) gets what is worth reading: warnings, errors, anything not
// JSON; a line per request would bury it.
let pending = "";
server.stdout.on("data", (chunk) => {
  const lines = (pending + chunk).split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) if (!/^\{"level":"(info|debug|trace)"/.test(line)) process.stdout.write(`${line}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
