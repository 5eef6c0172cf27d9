/**
 * The browser stories' `test`: Playwright's, with each worker pointed at its own app server. With
 * E2E_SERVERS=2 (playwright.config.ts) two workers run against two servers (ports E2E_PORT and
 * E2E_PORT + 1, one build, a SQLite file each), so no two stories ever share a database, an outbox
 * or a worker pass; a story never needs to know which server it has.
 */
import { test as base } from "@playwright/test";

export const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);

/** The port of the app server this worker talks to (call inside a test). */
export const e2ePort = () => BASE_PORT + base.info().parallelIndex;

/** The SQLite file behind that server (as scripts/e2e-server.mjs names it). */
export const e2eDatabaseUrl = (port = e2ePort()) => `file:data/${port === 3100 ? "e2e.db" : `e2e-${port}.db`}`;

export const test = base.extend({
  baseURL: async ({}, provide, testInfo) => {
    await provide(`http://127.0.0.1:${BASE_PORT + testInfo.parallelIndex}`);
  },
});

export { expect } from "@playwright/test";
