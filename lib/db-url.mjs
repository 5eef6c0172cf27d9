// The database address rules, in one place for the app, the worker, the Prisma config, the
// migration tooling and the scripts. Plain JavaScript: the scripts load it outside Next.js.
import { createRequire } from "node:module";

/** The default database: a SQLite file in ./data, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/herzensthema.db";

/**
 * Whether a DATABASE_URL names PostgreSQL (postgres:// or postgresql://); anything else is a
 * SQLite file.
 * @param {string | null | undefined} url
 * @returns {boolean}
 */
export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//.test(url ?? "");
}

/**
 * The same address on the server's `postgres` database: for creating or dropping the one named.
 * @param {string} url
 * @returns {string}
 */
export function postgresAdminUrl(url) {
  return Object.assign(new URL(url), { pathname: "/postgres" }).toString();
}

/**
 * Reads .env, .env.local, .env.development … the way Next.js does, so every script sees the
 * DATABASE_URL the app sees. Variables already set in the environment win.
 * @param {string} root the project folder
 * @param {boolean} [dev] development files too (default: unless NODE_ENV is production)
 */
export function loadProjectEnv(root, dev = process.env.NODE_ENV !== "production") {
  const requireFromNext = createRequire(createRequire(import.meta.url).resolve("next/package.json"));
  requireFromNext("@next/env").loadEnvConfig(root, dev, { info: () => {}, error: console.error });
}
