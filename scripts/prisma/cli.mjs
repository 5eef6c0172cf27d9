#!/usr/bin/env node
// Prisma CLI wrapper for this two-database project.
//
//   node scripts/prisma/cli.mjs generate               generate BOTH clients (lib/generated/sqlite + postgres); offline-safe
//   node scripts/prisma/cli.mjs migrate-new <name>     add a migration for BOTH providers from the current models
//        [--provider sqlite|postgres] [--empty]    (only one provider; --empty: an empty migration for hand-written SQL)
//   node scripts/prisma/cli.mjs <anything else>        the prisma CLI, e.g. `PRISMA_PROVIDER=postgres node scripts/prisma/cli.mjs migrate status`
//
// prisma.config.ts picks the provider (PRISMA_PROVIDER, else DATABASE_URL) and points
// PRISMA_SCHEMA_ENGINE_BINARY at the Wasm-backed engine in scripts/prisma/schema-engine.mjs.
//
// migrate-new works against throwaway databases, never your dev database: a temporary SQLite file,
// and a temporary Postgres database it creates and drops on the server given by postgresServerUrl()
// below (MIGRATE_POSTGRES_URL; default postgresql://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isPostgresUrl, loadProjectEnv, postgresAdminUrl } from "../../lib/db-url.mjs";

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PROVIDERS = ["sqlite", "postgres"];
export const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

function prismaCli() {
  try {
    return path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");
  } catch {
    return null; // prisma is a devDependency: absent after `npm ci --omit=dev`
  }
}

/** Run the prisma CLI with extra env; returns the exit code (stdio inherited unless capture). */
export function prisma(args, env = {}, { capture = false } = {}) {
  const cli = prismaCli();
  if (!cli) {
    console.error("The prisma CLI is not installed (it is a devDependency): run `npm ci` without --omit=dev.");
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1", // no update check: there may be no network
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      ...env,
    },
  });
  if (result.error) throw result.error;
  return capture ? result : result.status ?? 1;
}

/** Read .env, .env.local, … as Next.js does (variables already set win). */
export function loadEnv() {
  loadProjectEnv(root);
}

/**
 * The Postgres server migrate-new and db:check use for throwaway databases: MIGRATE_POSTGRES_URL
 * as given, else the server of a postgres DATABASE_URL (its `postgres` database, since the app's
 * database may not exist yet), else the local default.
 */
export function postgresServerUrl() {
  if (process.env.MIGRATE_POSTGRES_URL) return process.env.MIGRATE_POSTGRES_URL;
  const url = process.env.DATABASE_URL ?? "";
  return isPostgresUrl(url) ? postgresAdminUrl(url) : DEFAULT_POSTGRES_URL;
}

/** Is a Postgres server reachable at url? Returns an error message, or null if it is. */
export async function postgresProblem(url) {
  const pg = require("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return error.message || error.code || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function withTempPostgres(serverUrl, fn) {
  const pg = require("pg");
  const name = `herzensthema_migrate_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
    await admin.end();
  }
}

function withTempSqlite(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-migrate-"));
  try {
    return fn(`file:${path.join(dir, "migrate.db")}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function migrationDirs(provider) {
  const dir = path.join(root, "prisma", provider, "migrations");
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
}

function generate(extraArgs) {
  if (!prismaCli()) {
    // A production-only install (e.g. the runtime stage of an image built elsewhere) must not fail
    // in postinstall; the clients were generated, and bundled by `next build`, in the build stage.
    console.warn("prisma CLI not installed (devDependency); skipping client generation.");
    return;
  }
  for (const provider of PROVIDERS) {
    const code = prisma(["generate", ...extraArgs], { PRISMA_PROVIDER: provider });
    if (code !== 0) process.exit(code);
  }
}

async function migrateNew(argv) {
  const options = { providers: PROVIDERS, empty: false, name: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--provider") options.providers = [argv[++i]];
    else if (argv[i] === "--empty") options.empty = true;
    else if (argv[i] === "--name") options.name = argv[++i];
    else if (!argv[i].startsWith("-") && !options.name) options.name = argv[i];
    else throw new Error(`migrate-new: unexpected argument ${argv[i]}`);
  }
  if (!options.name || !/^[A-Za-z0-9_]+$/.test(options.name)) {
    throw new Error("usage: node scripts/prisma/cli.mjs migrate-new <name>   (letters, digits, underscore; e.g. add_topic_color)");
  }
  if (options.providers.some((p) => !PROVIDERS.includes(p))) throw new Error(`--provider must be one of ${PROVIDERS.join(", ")}`);

  // Check Postgres first, so we do not end up with a migration for one provider only.
  const serverUrl = postgresServerUrl();
  if (options.providers.includes("postgres")) {
    const problem = await postgresProblem(serverUrl);
    if (problem) {
      throw new Error(
        `Postgres is needed to create the postgres migration, but ${redact(serverUrl)} is not reachable (${problem}).\n` +
          "Start it, or set MIGRATE_POSTGRES_URL to a server where you may create databases.",
      );
    }
  }

  const created = {};
  for (const provider of options.providers) {
    const env = { PRISMA_PROVIDER: provider };
    const run = async (url) => {
      const envWithUrl = { ...env, DATABASE_URL: url, SHADOW_DATABASE_URL: "" };
      const hasHistory = fs.existsSync(path.join(root, "prisma", provider, "migrations", "migration_lock.toml"));
      if (!options.empty && hasHistory) {
        // Nothing to do if the migrations already produce the models (migrate dev would still
        // write an empty migration with --create-only).
        const diff = prisma(
          ["migrate", "diff", "--from-migrations", `prisma/${provider}/migrations`, "--to-schema", `prisma/${provider}`, "--exit-code"],
          envWithUrl,
          { capture: true },
        );
        if (diff.status === 0) {
          console.log(`${provider}: the migrations already match the models; no migration created.`);
          return;
        }
        if (diff.status !== 2) throw new Error(`${provider}: migrate diff failed:\n${diff.stdout}${diff.stderr}`);
      }
      if (options.empty || !hasHistory) {
        const before = new Set(migrationDirs(provider));
        // --create-only: write the migration, do not apply it (the database is thrown away anyway).
        const code = prisma(["migrate", "dev", "--create-only", "--name", options.name], envWithUrl);
        if (code !== 0) throw new Error(`${provider}: prisma migrate dev failed (exit ${code})`);
        created[provider] = migrationDirs(provider).find((d) => !before.has(d));
        return;
      }
      // The SQL from the committed history to the models, written as the next migration. (migrate
      // dev would write the same, but refuses to without a terminal whenever it has a warning to
      // show, e.g. for a new unique constraint.)
      const script = prisma(
        ["migrate", "diff", "--from-migrations", `prisma/${provider}/migrations`, "--to-schema", `prisma/${provider}`, "--script"],
        envWithUrl,
        { capture: true },
      );
      if (script.status !== 0) throw new Error(`${provider}: migrate diff failed:\n${script.stdout}${script.stderr}`);
      const folder = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${options.name}`;
      fs.mkdirSync(path.join(root, "prisma", provider, "migrations", folder));
      fs.writeFileSync(path.join(root, "prisma", provider, "migrations", folder, "migration.sql"), script.stdout);
      created[provider] = folder;
    };
    console.log(`\n== ${provider} ==`);
    if (provider === "sqlite") await withTempSqlite(run);
    else await withTempPostgres(serverUrl, run);
  }

  // Give both migrations the same folder name (the engine stamps each with its own second).
  if (created.sqlite && created.postgres && created.sqlite !== created.postgres) {
    const dir = path.join(root, "prisma/postgres/migrations");
    fs.renameSync(path.join(dir, created.postgres), path.join(dir, created.sqlite));
    created.postgres = created.sqlite;
  }
  for (const [provider, name] of Object.entries(created)) {
    if (name) console.log(`created prisma/${provider}/migrations/${name}/migration.sql`);
  }
  if (Object.values(created).some(Boolean)) {
    console.log("Review the SQL, then `npm run db:setup` applies it to DATABASE_URL; `npm run db:check` verifies both histories.");
  }
}

function redact(url) {
  return String(url).replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

async function main(argv) {
  loadEnv();
  const [command, ...rest] = argv;
  if (command === "generate") return generate(rest);
  if (command === "migrate-new") return migrateNew(rest);
  if (!command) {
    console.log("usage: node scripts/prisma/cli.mjs generate | migrate-new <name> | <prisma command…>");
    return;
  }
  process.exitCode = prisma(argv);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
