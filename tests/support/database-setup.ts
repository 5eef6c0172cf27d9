import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { isPostgresUrl, postgresAdminUrl } from "../../lib/db-url.mjs";
import { setupDatabase } from "../../scripts/db-setup.mjs";

/** Gives each integration project a fresh, migrated database (a SQLite file or a Postgres database). */
export default async function setup(project: TestProject) {
  const url = String(project.config.env?.DATABASE_URL);
  if (isPostgresUrl(url)) {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    const admin = new pg.Client({ connectionString: postgresAdminUrl(url) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
  } else {
    const file = path.resolve(url.replace(/^file:/, ""));
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  }
  await setupDatabase(url);
}
