#!/usr/bin/env node
// `npm run dev`: the one command for a fresh machine. Prepares the database the app will use
// (SQLite file by default: created, migrated, demo data seeded; all idempotent), then starts
// Next.js in development mode with mails going to the dev outbox (/dev/outbox), and the email
// delivery worker next to it (WORKER=0 leaves it out), so followed causes' mails show up there too.
import "./node-version.mjs";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadProjectEnv } from "../lib/db-url.mjs";
import { setupDatabase } from "./db-setup.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
loadProjectEnv(root, true);
process.env.NEXT_TELEMETRY_DISABLED = "1";

await setupDatabase(process.env.DATABASE_URL || undefined);

if (process.env.SEED_DEMO !== "0") {
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { cwd: root, stdio: "inherit" });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}

// The app's own server in development mode (scripts/server.mjs: knows the client's real address,
// keeps the dev outbox on loopback).
const next = spawn(process.execPath, ["scripts/server.mjs", "--dev", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
const worker =
  process.env.WORKER === "0"
    ? null
    : spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    next.kill(signal);
    worker?.kill(signal);
  });
}
next.on("exit", (code) => {
  worker?.kill("SIGTERM");
  process.exit(code ?? 0);
});
