import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// E2E_SERVERS=N runs the stories on N workers, each against its own app server (ports port …
// port + N − 1: one build, a fresh SQLite file each; e2e/fixtures.ts points each worker at its
// server, so no two stories share a database). One by default: on two cores a second server and
// browser only slow each story down (measured 2026-12-02: 38 of 61 stories in 17 min on two
// workers, all 61 in about 20 min on one). Worth it from four cores on.
const servers = Math.max(1, Number(process.env.E2E_SERVERS ?? 1));
// One id per run, so the servers build once between them (scripts/e2e-server.mjs).
const runId = process.env.E2E_RUN_ID ?? `${process.pid}-${Date.now()}`;
const serverEnv = Object.fromEntries(Object.entries({ ...process.env, E2E_RUN_ID: runId }).filter((e): e is [string, string] => e[1] !== undefined));

// Debian's Chromium: Playwright cannot download its own browser on these machines.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: servers, // one app server (and SQLite file) per worker
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: Array.from({ length: servers }, (_, i) => ({
    // Builds (once per run) and starts the app on a fresh SQLite file with the dev outbox.
    command: `node scripts/e2e-server.mjs ${port + i}`,
    url: `http://127.0.0.1:${port + i}/api/health`,
    env: serverEnv,
    timeout: 300_000,
    // Never with several servers: one of them could build under a reused, running other.
    reuseExistingServer: !process.env.CI && servers === 1,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
  })),
});
