// Prisma CLI configuration for both databases.
//
// Provider: PRISMA_PROVIDER (sqlite | postgres) if set, else from DATABASE_URL
// (postgres:// or postgresql:// -> postgres, anything else -> sqlite).
// Each provider has its own schema folder (same models, linked in as prisma/<provider>/models)
// and its own migration history, because the generated SQL differs.
//
// Use it through `node scripts/prisma/cli.mjs …` (see that file); plain `npx prisma …` works too.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, isPostgresUrl, loadProjectEnv } from "./lib/db-url.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));

// Read .env, .env.local, .env.development … the same way Next.js does, so the CLI and the app
// see the same DATABASE_URL. Variables already set in the environment win.
loadProjectEnv(root);

// Prisma 7's CLI would download a native schema engine (and fail offline); use the Wasm-backed
// stand-in instead. An explicitly set PRISMA_SCHEMA_ENGINE_BINARY still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "scripts/prisma/schema-engine.mjs");


const explicit = process.env.PRISMA_PROVIDER;
if (explicit && explicit !== "sqlite" && explicit !== "postgres") {
  throw new Error(`PRISMA_PROVIDER must be "sqlite" or "postgres", got "${explicit}"`);
}
const envUrl = process.env.DATABASE_URL || undefined;
const provider = explicit ?? (envUrl && isPostgresUrl(envUrl) ? "postgres" : "sqlite");

// With PRISMA_PROVIDER=sqlite but a postgres DATABASE_URL (or the other way round) the URL is
// useless; sqlite falls back to the default file, postgres has no sensible default.
let url = envUrl && isPostgresUrl(envUrl) === (provider === "postgres") ? envUrl : undefined;
if (provider === "sqlite") {
  url ??= DEFAULT_DATABASE_URL;
  // Relative SQLite paths are relative to the project root (as in the app); the folder must exist.
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
}

export default defineConfig({
  schema: `prisma/${provider}`,
  migrations: {
    path: `prisma/${provider}/migrations`,
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    // Postgres without a URL: commands that need a database say so; `generate` does not need one.
    url: url as string,
    // Optional: a dedicated shadow database. Without it the engine uses an in-memory SQLite
    // database or a temporary Postgres database it creates and drops.
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
  },
});
