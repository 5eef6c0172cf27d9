#!/usr/bin/env node
// Bring the database up to date before the app starts: apply the committed
// prisma/<provider>/migrations/*/migration.sql that are not applied yet, and record them in Prisma's
// own `_prisma_migrations` table exactly as `prisma migrate deploy` does (so `prisma migrate status`
// agrees). Plain better-sqlite3 / pg: no Prisma CLI or schema engine needed at runtime. No seeding.
//
//   node scripts/db-setup.mjs                      uses DATABASE_URL (default file:./data/herzensthema.db)
//   import { setupDatabase } from "./db-setup.mjs"; await setupDatabase(url)   e.g. for a fresh test database
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATABASE_URL, isPostgresUrl, loadProjectEnv } from "../lib/db-url.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LOCK = 72707369; // Prisma Migrate's own advisory lock key: we never run alongside `prisma migrate`
// The table exactly as Prisma Migrate creates it (per provider), so either side can create it first.
const TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL,
    "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

async function connect(url) {
  if (!isPostgresUrl(url)) {
    const file = path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, "")); // relative to the cwd, as in the app
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new (require("better-sqlite3"))(file, { timeout: 15000 });
    db.pragma("journal_mode = WAL"); // readers never wait for the writer (app, worker and scripts share the file)
    const sql = (text) => text.replace(/\$\d+/g, "?");
    return { provider: "sqlite", all: async (q, p = []) => db.prepare(sql(q)).all(p),
      run: async (q, p) => (p ? db.prepare(sql(q)).run(p) : db.exec(q)), close: async () => db.close() };
  }
  const pg = require("pg");
  const open = async (target) => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    return client;
  };
  const client = await open(url).catch(async (error) => {
    if (error.code !== "3D000") throw error; // database missing: create it (needs CREATEDB; fine in dev, exists in production)
    const admin = await open(Object.assign(new URL(url), { pathname: "/postgres" }).toString());
    try {
      await admin.query(`SELECT pg_advisory_lock(${LOCK})`); // one creator at a time
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (!rowCount) await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    } finally {
      await admin.end();
    }
    return open(url);
  });
  await client.query(`SELECT pg_advisory_lock(${LOCK})`); // released when the connection closes
  return { provider: "postgres", all: async (q, p) => (await client.query(q, p)).rows,
    run: (q, p) => client.query(q, p), close: () => client.end() };
}

export async function setupDatabase(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  const db = await connect(url);
  try {
    const dir = path.join(root, "prisma", db.provider, "migrations");
    await db.run(TABLE[db.provider]);
    const rows = await db.all(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
    const failed = rows.find((r) => !r.finished_at);
    if (failed) throw new Error(`Migration ${failed.migration_name} failed earlier; fix the database, then: node scripts/prisma/cli.mjs migrate resolve`);
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "migration.sql"))).sort();
    const now = () => new Date().toISOString().replace("Z", "+00:00"); // the format Prisma writes
    const done = [];
    for (const name of names) {
      const script = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(script).digest("hex");
      if (applied.has(name)) {
        if (applied.get(name) !== checksum) {
          console.warn(`db-setup: migration ${name} changed after it was applied here; in development, start over with ` +
            "`node scripts/prisma/cli.mjs migrate reset --force` (or delete the SQLite file)");
        }
        continue;
      }
      // Like Prisma: record the start, run the script as a whole (SQLite migrations toggle
      // PRAGMA foreign_keys, which only works outside a transaction), then mark it finished.
      const id = randomUUID();
      await db.run(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, $4, 0)`, [id, checksum, name, now()]);
      try {
        await db.run(script);
      } catch (error) {
        await db.run(`UPDATE "_prisma_migrations" SET logs = $1 WHERE id = $2`, [String(error.stack ?? error), id]);
        throw new Error(`Migration ${name} failed: ${error.message}`);
      }
      await db.run(`UPDATE "_prisma_migrations" SET finished_at = $1, applied_steps_count = 1 WHERE id = $2`, [now(), id]);
      done.push(name);
    }
    console.log(`db-setup (${db.provider}): ${done.length ? `applied ${done.join(", ")}` : "database is up to date"}`);
    return done;
  } finally {
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Same .env files as Next.js, so we prepare the database the app will use.
  loadProjectEnv(root);
  setupDatabase().catch((error) => {
    console.error(`db-setup: ${error.message}`);
    process.exit(1);
  });
}
