/**
 * The shipped systemd units (deploy/systemd/): systemd itself finds nothing wrong with them, they are
 * hardened as the README promises, and they start what `npm start` / `npm run worker` start.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scrub } from "../lib/log.mjs";
import { SECRET_PATH_PREFIXES } from "../lib/security/secret-paths.mjs";

const root = path.resolve(__dirname, "..");
const unitDir = path.join(root, "deploy/systemd");
const units = ["herzensthema.service", "herzensthema-worker.service"];
const read = (name: string) => fs.readFileSync(path.join(unitDir, name), "utf8");
const setting = (unit: string, key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => m[1]);
const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
const hasSystemd = spawnSync("systemd-analyze", ["--version"], { stdio: "ignore" }).status === 0;

describe("systemd units", () => {
  it.skipIf(!hasSystemd)("pass systemd-analyze verify without a single complaint", () => {
    const result = spawnSync("systemd-analyze", ["verify", "--man=no", ...units.map((u) => path.join(unitDir, u))], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    // Unknown or misspelt keys are only warnings to systemd (exit 0): here they count.
    expect(result.stderr.split("\n").filter((line) => line && !/is not executable/.test(line))).toEqual([]);
  });

  it.each(units)("%s runs as its own user with a read-only system and no new privileges", (name) => {
    const unit = read(name);
    expect(setting(unit, "User")).toEqual(["herzensthema"]);
    expect(setting(unit, "NoNewPrivileges")).toEqual(["yes"]);
    expect(setting(unit, "ProtectSystem")).toEqual(["strict"]);
    expect(setting(unit, "ProtectHome")).toEqual(["yes"]);
    expect(setting(unit, "PrivateTmp")).toEqual(["yes"]);
    expect(setting(unit, "CapabilityBoundingSet")).toEqual([""]);
    expect(setting(unit, "EnvironmentFile")).toEqual(["/etc/herzensthema/env"]);
    expect(setting(unit, "Environment").join(" ")).toContain("NODE_ENV=production");
  });

  it("start what npm start and npm run worker start, the app on loopback only", () => {
    const app = read("herzensthema.service");
    expect(scripts.start).toBe("node scripts/db-setup.mjs && node scripts/server.mjs");
    expect(setting(app, "ExecStartPre")).toEqual(["/usr/bin/node scripts/db-setup.mjs"]);
    expect(setting(app, "ExecStart")).toEqual(["/usr/bin/node scripts/server.mjs -p 3000 -H 127.0.0.1"]);
    const upstream = fs.readFileSync(path.join(root, "deploy/nginx/herzensthema-http.conf"), "utf8");
    expect(upstream).toMatch(/server 127\.0\.0\.1:3000;/);
    const worker = read("herzensthema-worker.service");
    expect(setting(worker, "ExecStart")).toEqual([scripts.worker.replace(/^node /, "/usr/bin/node ")]);
  });
});

describe("nginx's access log and the app's log", () => {
  it("hide the same secret path segments", () => {
    const http = fs.readFileSync(path.join(root, "deploy/nginx/herzensthema-http.conf"), "utf8");
    const map = /map \$uri \$herzensthema_log_uri \{([\s\S]*?)\n\}/.exec(http)?.[1] ?? "";
    // The map's regex entries, as nginx applies them: the first match wins.
    const entries = [...map.matchAll(/^\s*"~([^"]+)"\s+"([^"]+)";/gm)].map(([, pattern, value]) => ({ pattern: new RegExp(pattern), value }));
    expect(entries.length).toBeGreaterThan(0);
    const nginxLogs = (uri: string) => {
      for (const { pattern, value } of entries) {
        const match = pattern.exec(uri);
        if (match) return value.replace(/\$(\d)/g, (_m, n) => match[Number(n)]);
      }
      return uri;
    };
    for (const prefix of SECRET_PATH_PREFIXES) {
      const uri = `/${prefix}/s3cretT0ken`;
      expect(nginxLogs(uri), uri).toBe(`/${prefix}/{token}`);
      expect(scrub(uri), uri).toBe(`/${prefix}/{token}`);
    }
  });
});
