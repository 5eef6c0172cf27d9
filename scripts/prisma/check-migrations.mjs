#!/usr/bin/env node
// Fails when the models (prisma/models) and the committed migrations disagree, for each provider:
// replays prisma/<provider>/migrations into a throwaway shadow database and diffs the result
// against prisma/<provider> (`prisma migrate diff --from-migrations … --to-schema … --exit-code`).
//
// SQLite is always checked (in-memory shadow database). Postgres needs a server for a temporary
// shadow database (MIGRATE_POSTGRES_URL, else the server of a postgres DATABASE_URL, else
// postgresql://postgres@127.0.0.1:5432/postgres); if it is unreachable, the Postgres check is
// skipped with a notice, not failed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadEnv, postgresProblem, postgresServerUrl, prisma, PROVIDERS, root } from "./cli.mjs";

const FIX = "create the missing migration with `npm run db:migrate -- <name>` (node scripts/prisma/cli.mjs migrate-new <name>)";

function indent(text) {
  return text.trim().split("\n").map((line) => `    ${line}`).join("\n");
}

function check(provider, databaseUrl) {
  const migrations = `prisma/${provider}/migrations`;
  if (!fs.existsSync(path.join(root, migrations, "migration_lock.toml"))) {
    console.log(`✗ ${provider}: no migrations in ${migrations}; ${FIX}`);
    return false;
  }
  const result = prisma(
    ["migrate", "diff", "--from-migrations", migrations, "--to-schema", `prisma/${provider}`, "--exit-code"],
    { PRISMA_PROVIDER: provider, DATABASE_URL: databaseUrl, SHADOW_DATABASE_URL: "" },
    { capture: true },
  );
  if (result.status === 0) {
    console.log(`✓ ${provider}: migrations match the models`);
    return true;
  }
  if (result.status === 2) {
    console.log(`✗ ${provider}: the models have changes that no migration in ${migrations} contains; ${FIX}`);
    console.log(indent(result.stdout));
  } else {
    console.log(`✗ ${provider}: could not compare (prisma migrate diff exited with ${result.status})`);
    console.log(indent(`${result.stdout}\n${result.stderr}`));
  }
  return false;
}

const names = (provider) => {
  const dir = path.join(root, "prisma", provider, "migrations");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "migration.sql"))).sort() : [];
};

loadEnv();
let ok = true;
for (const provider of PROVIDERS) {
  if (provider === "sqlite") {
    // The "main" database is never touched by this diff; point it at a scratch file anyway.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-check-"));
    try {
      ok = check("sqlite", `file:${path.join(dir, "check.db")}`) && ok;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const serverUrl = postgresServerUrl();
    const problem = await postgresProblem(serverUrl);
    if (problem) {
      console.log(`- postgres: SKIPPED, no Postgres server reachable at ${serverUrl.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")} (${problem}); set MIGRATE_POSTGRES_URL to check it`);
      continue;
    }
    ok = check("postgres", serverUrl) && ok;
  }
}

// Both histories are normally created together (migrate-new); point out one-sided migrations.
const [sqliteNames, postgresNames] = PROVIDERS.map(names);
const onlyIn = (a, b) => a.filter((n) => !b.includes(n));
for (const [provider, extra] of [["sqlite", onlyIn(sqliteNames, postgresNames)], ["postgres", onlyIn(postgresNames, sqliteNames)]]) {
  if (extra.length) console.log(`! note: only in prisma/${provider}/migrations: ${extra.join(", ")}`);
}

process.exit(ok ? 0 : 1);
