#!/usr/bin/env node
// `npm run db:backup [-- <file>]` and `npm run db:restore -- <file>` for the SQLite default.
//
// Backup uses SQLite's online backup API (better-sqlite3's .backup()): consistent even while the
// app and the worker keep writing. Restore copies a backup back into DATABASE_URL's file the same
// way; stop the app and the worker first. Both check the file with PRAGMA integrity_check.
// PostgreSQL has its own tools: see the README (pg_dump / pg_restore).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATABASE_URL, isPostgresUrl, loadProjectEnv } from "../lib/db-url.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
loadProjectEnv(root);
const Database = require("better-sqlite3");

const [command, target] = process.argv.slice(2);
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
if (isPostgresUrl(url)) {
  console.error("DATABASE_URL is PostgreSQL: use pg_dump / pg_restore (see the README, \"Backups\").");
  process.exit(2);
}
const file = path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));

function checked(db, label) {
  const result = db.pragma("integrity_check", { simple: true });
  if (result !== "ok") throw new Error(`${label} failed the integrity check: ${result}`);
}

async function copy(from, to) {
  const source = new Database(from, { readonly: true, fileMustExist: true, timeout: 15000 });
  try {
    checked(source, from);
    let pages = 0;
    // All pages in one step, inside one read transaction: writers go on (WAL), the copy is consistent.
    // (Small steps would restart whenever another connection writes, and might never finish.)
    await source.backup(to, { progress: ({ totalPages }) => ((pages = totalPages), 0x7fffffff) });
    return pages;
  } finally {
    source.close();
  }
}

if (command === "backup") {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const out = path.resolve(target ?? path.join(path.dirname(file), "backups", `herzensthema-${stamp}.db`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const pages = await copy(file, out);
  const copyDb = new Database(out, { readonly: true });
  checked(copyDb, out);
  copyDb.close();
  console.log(`backup: ${file} → ${out} (${pages} pages, integrity ok)`);
} else if (command === "restore") {
  if (!target) {
    console.error("usage: npm run db:restore -- <backup file>   (stop the app and the worker first)");
    process.exit(2);
  }
  const from = path.resolve(target);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const pages = await copy(from, file);
  const restored = new Database(file);
  restored.pragma("journal_mode = WAL");
  checked(restored, file);
  restored.close();
  console.log(`restore: ${from} → ${file} (${pages} pages, integrity ok)`);
} else {
  console.error("usage: node scripts/db-backup.mjs backup [file] | restore <file>");
  process.exit(2);
}
