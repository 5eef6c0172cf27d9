#!/usr/bin/env node
/**
 * `npm run bench` (second part): the app as a server, next to the framework's and nginx's ceilings.
 * Not a test: it reports numbers next to their goals and exits 0.
 *
 *  1. Build time and first-load JavaScript (gzip) of the public pages, next to the floor: a bare
 *     Next.js 16 app with one client component, built and served the same way.
 *  2. The cause feed (/api/feeds/c/saubere-spree/rss) against /api/bench/echo, the cheapest route
 *     of the same build returning the same number of bytes from memory: wrk -t1 -c32, interleaved
 *     rounds, as 200 and as 304. Goals: ≥ 60 % (200) and ≥ 80 % (304) of the echo.
 *  3. nginx with the shipped configuration (deploy/nginx/) in front of the app, against nginx
 *     serving the same bytes from a file. Goal: ≥ 50 %.
 *
 * The app runs like the browser stories (scripts/e2e-server.mjs) on port 3301 with its own build
 * folder (.next-bench) and SQLite file. The build gets no secrets (it must not need them).
 * BENCH_SKIP_BUILD=1 reuses the builds; BENCH_HTTP_SECONDS (5) per measurement, BENCH_HTTP_ROUNDS (5).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { nginxBinary, writeNginxConfig } from "./nginx-config.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const APP_PORT = 3301;
const NGINX_PORT = 3302;
const FILE_PORT = 3303;
const FLOOR_PORT = 3304;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 5);
const FEED = "/api/feeds/c/saubere-spree/rss";
const SKIP_BUILD = process.env.BENCH_SKIP_BUILD === "1";
const next = path.join(root, "node_modules/next/dist/bin/next");
const children = new Set();

function start(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => Promise.all([...children].map(stop)).then(() => process.exit(130)));

/** wrk and nginx from Debian when missing (the bench may install what it measures against). */
function ensureTools() {
  const has = (bin) => spawnSync("sh", ["-c", `command -v ${bin} || test -x /usr/sbin/${bin}`], { stdio: "ignore" }).status === 0;
  const missing = ["wrk", "nginx"].filter((bin) => !has(bin));
  if (missing.length && process.getuid?.() === 0 && has("apt-get")) {
    console.log(`installing ${missing.join(", ")} from Debian…`);
    spawnSync("sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")} >/dev/null`], { stdio: "inherit" });
  }
  return { wrk: has("wrk"), nginx: nginxBinary() };
}

async function waitFor(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no answer from ${url}`);
}

/** wrk -t1 -c32 for SECONDS; requests per second and how many answers had another status. */
function wrk(url, headers = {}) {
  const args = ["-t1", "-c32", `-d${SECONDS}s`, "--latency", ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]), url];
  const out = spawnSync("wrk", args, { encoding: "utf8" }).stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const toMs = (v, unit) => Number(v) * (unit === "us" ? 0.001 : unit === "s" ? 1000 : 1);
  return { rps, p99: p99 ? toMs(p99[1], p99[2]) : NaN, other: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const pct = (ratio) => `${(ratio * 100).toFixed(0)} %`;
const verdict = (ratio, goal) => (ratio >= goal ? `✓ goal ≥ ${pct(goal)}` : `✗ goal ≥ ${pct(goal)}`);

/** First-load JavaScript of a page: every script it loads, gzip-compressed, summed. */
async function firstLoadJs(base, pagePath) {
  const html = await (await fetch(base + pagePath)).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]))];
  let gzip = 0;
  for (const src of sources) gzip += zlib.gzipSync(Buffer.from(await (await fetch(new URL(src, base)).then((r) => r.arrayBuffer())))).length;
  return { kb: gzip / 1024, files: sources.length };
}

/** A bare Next.js app with one client component, in a throwaway folder inside the project. */
function writeFloorApp(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "app"), { recursive: true });
  fs.writeFileSync(path.join(dir, "next.config.mjs"), "export default { poweredByHeader: false };\n");
  // Its own (empty) instrumentation: inside this project, Turbopack would otherwise use the app's.
  fs.writeFileSync(path.join(dir, "instrumentation.js"), "export function register() {}\n");
  fs.writeFileSync(path.join(dir, "app/layout.js"), 'export default function Layout({ children }) { return <html lang="en"><body>{children}</body></html>; }\n');
  fs.writeFileSync(path.join(dir, "app/counter.js"), '"use client";\nimport { useState } from "react";\nexport function Counter() { const [n, setN] = useState(0); return <button onClick={() => setN(n + 1)}>{n}</button>; }\n');
  fs.writeFileSync(path.join(dir, "app/page.js"), 'import { Counter } from "./counter";\nexport const dynamic = "force-dynamic";\nexport default function Page() { return <main><h1>Floor</h1><Counter /></main>; }\n');
}

function timedBuild(args, options) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"], ...options });
  if (result.status !== 0) throw new Error(`build failed: ${args.join(" ")}`);
  return (performance.now() - started) / 1000;
}

async function main() {
  const tools = ensureTools();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
  // 1. Builds. The app's build runs without AUTH_SECRET, SMTP_URL or APP_URL: it must not need them.
  const buildEnv = { ...env, NEXT_DIST_DIR: ".next-bench", NODE_ENV: "production" };
  for (const key of ["AUTH_SECRET", "NEXTAUTH_SECRET", "SMTP_URL", "APP_URL", "MAIL_TRANSPORT", "DATABASE_URL"]) delete buildEnv[key];
  const floorDir = path.join(root, ".bench-floor");
  let appBuild = null;
  let floorBuild = null;
  if (!SKIP_BUILD || !fs.existsSync(path.join(root, ".next-bench/BUILD_ID"))) {
    console.log("building the app (.next-bench) and the floor (.bench-floor)…");
    appBuild = timedBuild([next, "build"], { cwd: root, env: buildEnv });
  }
  if (!SKIP_BUILD || !fs.existsSync(path.join(floorDir, ".next/BUILD_ID"))) {
    writeFloorApp(floorDir);
    floorBuild = timedBuild([next, "build", floorDir], { cwd: root, env: { ...env, NODE_ENV: "production" } });
  }

  const log = fs.openSync(path.join(os.tmpdir(), "herzensthema-bench-http.log"), "w");
  const app = start(process.execPath, ["scripts/e2e-server.mjs", String(APP_PORT)], {
    cwd: root,
    env: { ...env, NEXT_DIST_DIR: ".next-bench", E2E_SKIP_BUILD: "1", BENCH_ECHO: "1" },
    stdio: ["ignore", log, log],
  });
  const floor = start(process.execPath, [next, "start", floorDir, "-p", String(FLOOR_PORT), "-H", "127.0.0.1"], { cwd: root, env: { ...env, NODE_ENV: "production" }, stdio: ["ignore", log, log] });
  const base = `http://127.0.0.1:${APP_PORT}`;
  await waitFor(`${base}/api/health`, app, 5 * 60_000);
  await waitFor(`http://127.0.0.1:${FLOOR_PORT}/`, floor, 60_000);

  console.log(`\n## Build and first-load JavaScript (gzip)`);
  if (appBuild !== null) console.log(`build: app ${appBuild.toFixed(0)} s, floor ${floorBuild?.toFixed(0) ?? "–"} s (the bare app with one client component)`);
  const floorJs = await firstLoadJs(`http://127.0.0.1:${FLOOR_PORT}`, "/");
  console.log(`floor (bare Next.js 16 page, one client component): ${floorJs.kb.toFixed(1)} kB in ${floorJs.files} files`);
  for (const page of ["/", "/explore", "/c/saubere-spree", "/c/saubere-spree/u/" + (await firstUpdateId(base)), "/signin"]) {
    const js = await firstLoadJs(base, page);
    const own = js.kb - floorJs.kb;
    console.log(`${page.padEnd(40)} ${js.kb.toFixed(1).padStart(6)} kB (${js.files} files), own ${own.toFixed(1).padStart(5)} kB  ${own <= 30 ? "✓" : "✗"} goal ≤ 30 kB own`);
  }
  await stop(floor);

  if (!tools.wrk) {
    console.log("\nwrk is not installed and could not be installed: skipping the throughput part.");
    await stop(app);
    return;
  }
  const feed = await fetch(base + FEED);
  const bytes = Buffer.from(await feed.arrayBuffer());
  const etag = feed.headers.get("etag");
  const echo = `${base}/api/bench/echo?bytes=${bytes.length}`;
  const echoEtag = (await fetch(echo)).headers.get("etag");
  console.log(`\n## Feed endpoint vs. the framework's ceiling (wrk -t1 -c32, ${SECONDS} s × ${ROUNDS} interleaved rounds, ${bytes.length} bytes)`);
  const ratios = { 200: [], 304: [] };
  const rows = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const status of [200, 304]) {
      const echoRun = wrk(echo, status === 304 ? { "If-None-Match": echoEtag } : {});
      const feedRun = wrk(base + FEED, status === 304 ? { "If-None-Match": etag } : {});
      ratios[status].push(feedRun.rps / echoRun.rps);
      rows.push(`round ${round} ${status}: echo ${echoRun.rps.toFixed(0)} req/s, feed ${feedRun.rps.toFixed(0)} req/s (p99 ${feedRun.p99.toFixed(1)} ms, other statuses ${feedRun.other}) → ${pct(feedRun.rps / echoRun.rps)}`);
    }
  }
  for (const row of rows) console.log(row);
  console.log(`feed / echo, median: 200 ${pct(median(ratios[200]))} ${verdict(median(ratios[200]), 0.6)}; 304 ${pct(median(ratios[304]))} ${verdict(median(ratios[304]), 0.8)}`);
  const health = wrk(`${base}/api/health`);
  console.log(`(for scale: /api/health, one database round trip: ${health.rps.toFixed(0)} req/s)`);

  if (!tools.nginx) {
    console.log("\nnginx is not installed and could not be installed: skipping the proxy part.");
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-bench-nginx-"));
    fs.mkdirSync(path.join(dir, "www"), { recursive: true });
    fs.writeFileSync(path.join(dir, "www/feed.rss"), bytes);
    for (const p of [dir, path.join(dir, "www")]) fs.chmodSync(p, 0o755);
    fs.chmodSync(path.join(dir, "www/feed.rss"), 0o644);
    const args = writeNginxConfig({
      root,
      dir,
      appPort: APP_PORT,
      port: NGINX_PORT,
      extraServers: `  server { listen 127.0.0.1:${FILE_PORT}; access_log off; root ${path.join(dir, "www")}; location = /feed.rss { default_type "application/rss+xml; charset=utf-8"; etag on; } }`,
    });
    const nginx = start(tools.nginx, args, { stdio: ["ignore", "ignore", "inherit"] });
    await waitFor(`http://127.0.0.1:${FILE_PORT}/feed.rss`, nginx, 10_000);
    const proxied = `http://127.0.0.1:${NGINX_PORT}${FEED}`;
    await fetch(proxied); // fill the micro-cache
    const fileEtag = (await fetch(`http://127.0.0.1:${FILE_PORT}/feed.rss`)).headers.get("etag");
    console.log(`\n## nginx with deploy/nginx/ in front of the app vs. nginx serving the same bytes from a file`);
    for (const status of [200, 304]) {
      const file = wrk(`http://127.0.0.1:${FILE_PORT}/feed.rss`, status === 304 ? { "If-None-Match": fileEtag } : {});
      const viaNginx = wrk(proxied, status === 304 ? { "If-None-Match": etag } : {});
      const ratio = viaNginx.rps / file.rps;
      console.log(`${status}: file ${file.rps.toFixed(0)} req/s, app behind nginx ${viaNginx.rps.toFixed(0)} req/s (other statuses ${viaNginx.other}) → ${pct(ratio)} ${verdict(ratio, 0.5)}`);
    }
    await stop(nginx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await stop(app);
  console.log(`\n(client and servers share this machine's ${os.cpus().length} cores)`);
}

async function firstUpdateId(base) {
  const html = await (await fetch(`${base}/c/saubere-spree`)).text();
  return /\/c\/saubere-spree\/u\/([a-z0-9]+)/.exec(html)?.[1] ?? "";
}

try {
  await main();
} catch (error) {
  console.error(`http bench failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await Promise.all([...children].map(stop));
}
