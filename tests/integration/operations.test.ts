/**
 * Operations on the SQLite default: an online backup taken while the app writes restores to the
 * same data (npm run db:backup / db:restore), and several processes writing at once (app, worker,
 * scripts) never show anybody "database is locked". On PostgreSQL the scripts point to pg_dump.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db-client";
import { isPostgres } from "@/lib/db";
import { setupDatabase } from "../../scripts/db-setup.mjs";
import { createPublishedCause, createUser } from "../support/factories";

const node = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, args, { cwd: process.cwd(), env: { PATH: process.env.PATH, NODE_ENV: "test", ...env }, encoding: "utf8" });

describe.skipIf(isPostgres)("SQLite backup and restore", () => {
  it("takes a consistent online backup while writes go on, and restores exactly that", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-backup-"));
    const liveUrl = `file:${path.join(dir, "live.db")}`;
    await setupDatabase(liveUrl);
    const live = createDbClient(liveUrl);
    const owner = await live.user.create({ data: { email: "backup-owner@example.org" } });
    const topic = await live.topic.create({ data: { slug: "backup-cause", title: "Backup cause", status: "published", ownerId: owner.id } });
    await live.update.createMany({ data: Array.from({ length: 500 }, (_, i) => ({ topicId: topic.id, title: `Before ${i}` })) });

    // Writes keep coming while the backup runs.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await live.update.create({ data: { topicId: topic.id, title: `During ${i}` } });
        await new Promise((resolve) => setImmediate(resolve)); // let the backup process's exit be heard
      }
    })();
    const backupFile = path.join(dir, "backup.db");
    const backup = spawn(process.execPath, ["scripts/db-backup.mjs", "backup", backupFile], { env: { PATH: process.env.PATH, NODE_ENV: "test", DATABASE_URL: liveUrl } });
    const backupOutput = await new Promise<string>((resolve) => {
      let out = "";
      backup.stdout.on("data", (chunk) => (out += chunk));
      backup.on("exit", () => resolve(out));
    });
    writing = false;
    await writer;
    expect(backupOutput).toMatch(/integrity ok/);

    const restoredUrl = `file:${path.join(dir, "restored.db")}`;
    const restore = node(["scripts/db-backup.mjs", "restore", backupFile], { DATABASE_URL: restoredUrl });
    expect(restore.status, restore.stderr).toBe(0);

    const titles = (file: string) => new Database(file, { readonly: true }).prepare('SELECT "title" FROM "Update" ORDER BY "title"').all().map((r) => (r as { title: string }).title);
    const inBackup = titles(backupFile);
    expect(titles(path.join(dir, "restored.db"))).toEqual(inBackup);
    expect(inBackup.filter((t) => t.startsWith("Before "))).toHaveLength(500);
    // Everything in the backup exists live; the live database went on after it.
    const live_ = new Set(titles(path.join(dir, "live.db")));
    expect(inBackup.every((t) => live_.has(t))).toBe(true);
    await live.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.skipIf(!isPostgres)("backups on PostgreSQL", () => {
  it("point to pg_dump instead of pretending", () => {
    const result = node(["scripts/db-backup.mjs", "backup"], { DATABASE_URL: process.env.DATABASE_URL! });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("pg_dump");
  });
});

describe.skipIf(isPostgres)("SQLite with several writing processes", () => {
  it("never answers 'database is locked': three processes and this one follow and leave at once", async () => {
    const owner = await createUser("owner");
    const causes = await Promise.all(Array.from({ length: 5 }, () => createPublishedCause(owner.id)));
    const readers = await Promise.all(Array.from({ length: 4 }, () => createUser()));
    const topics = causes.map((c) => c.id).join(",");
    const children = readers.slice(1).map(
      (reader) =>
        new Promise<{ errors: string[] }>((resolve, reject) => {
          const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/processes/sqlite-writer.ts", reader.id, topics, "150"], {
            cwd: process.cwd(),
            env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, AUTH_SECRET: process.env.AUTH_SECRET, NODE_ENV: "test" },
          });
          let out = "";
          let err = "";
          child.stdout.on("data", (chunk) => (out += chunk));
          child.stderr.on("data", (chunk) => (err += chunk));
          child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
        }),
    );
    const { followCause, leaveCause } = await import("@/lib/subscription/mutations");
    const mine: string[] = [];
    for (let i = 0; i < 150; i++) {
      const input = { topicId: causes[i % causes.length].id, source: "/test" };
      await (i % 2 === 0 ? followCause(readers[0], input) : leaveCause(readers[0], input)).catch((e: Error) => mine.push(e.message));
    }
    const results = await Promise.all(children);
    expect(mine).toEqual([]);
    for (const { errors } of results) expect(errors).toEqual([]);
  }, 120_000);
});
