/**
 * Runs one benchmark on each database, each in its own process (the app's modules hold one
 * database client per process): a fresh SQLite file always, and a freshly created PostgreSQL
 * database when a server answers at BENCH_POSTGRES_URL. Used by scripts/bench.ts and bench-mail.ts.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const postgresServer = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Bench = {
  /** SQLite file under data/ and PostgreSQL database name, both recreated for each run. */
  name: string;
  /** Suffix for the section titles, e.g. ": email worker". */
  title?: string;
  run: (label: string, databaseUrl: string) => Promise<void>;
};

export async function benchEachDatabase({ name, title = "", run }: Bench) {
  const which = process.argv[2];
  if (!which) {
    for (const provider of ["sqlite", "postgres"]) {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], provider], { stdio: "inherit" });
      if (child.status !== 0) process.exit(child.status ?? 1);
    }
    return;
  }
  if (which === "sqlite") {
    const file = path.resolve(`data/${name}.db`);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    await run(`SQLite (file, WAL)${title}`, `file:./data/${name}.db`);
    return;
  }
  const admin = new pg.Client({ connectionString: postgresServer, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    console.log(`\nPostgreSQL not reachable: skipped${title}.`);
    return;
  }
  const database = name.replace(/-/g, "_");
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  await run(`PostgreSQL${title}`, Object.assign(new URL(postgresServer), { pathname: `/${database}` }).toString());
}
