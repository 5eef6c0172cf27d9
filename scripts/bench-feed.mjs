#!/usr/bin/env node
/**
 * Feed serving throughput: how many requests per second the app answers for one cause's RSS feed,
 * as a full 200 and as a 304 (conditional GET with the ETag), compared with nginx serving the same
 * bytes from a file when nginx is installed. Not a test: it reports numbers and exits 0.
 *
 * The app runs as the browser stories run it (scripts/e2e-server.mjs: production build, demo data,
 * its own SQLite file data/e2e-<port>.db) on its own port and build folder, so it never touches a
 * running dev server. BENCH_SKIP_BUILD=1 reuses an existing .next-bench build.
 * Sizes: BENCH_FEED_SECONDS (8 per measurement), BENCH_FEED_CONCURRENCY (8 connections).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const APP_PORT = Number(process.env.BENCH_FEED_PORT ?? 3301);
const NGINX_PORT = APP_PORT + 1;
const SECONDS = Number(process.env.BENCH_FEED_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_FEED_CONCURRENCY ?? 8);
const DIST_DIR = ".next-bench";
const FEED_PATH = "/api/feeds/c/saubere-spree/rss";
const children = new Set();

/** Starts a child in its own process group, so stopping it also stops whatever it started. */
function start(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      /* gone meanwhile */
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

async function stopAll() {
  await Promise.all([...children].map(stop));
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => stopAll().then(() => process.exit(130)));
}

/** One GET (on a keep-alive agent when given); resolves with status, size, time, and the body if asked. */
function get(agent, port, urlPath, headers = {}, keepBody = false) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get({ host: "127.0.0.1", port, path: urlPath, agent, headers }, (response) => {
      let bytes = 0;
      const chunks = [];
      response.on("data", (chunk) => {
        bytes += chunk.length;
        if (keepBody) chunks.push(chunk);
      });
      response.on("end", () =>
        resolve({ status: response.statusCode, headers: response.headers, bytes, body: Buffer.concat(chunks), ms: performance.now() - started }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error("timeout")));
  });
}

async function waitFor(port, urlPath, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      if ((await get(undefined, port, urlPath)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no answer on port ${port} within ${timeoutMs / 1000} s`);
}

/**
 * A bounded load loop: CONCURRENCY keep-alive connections, each sending the next request as soon
 * as the previous answer is read, for SECONDS (after a one-second warm-up that is not counted).
 */
async function load(port, urlPath, headers, expectedStatus) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const run = async (seconds, samples) => {
    const deadline = performance.now() + seconds * 1000;
    let unexpected = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          const response = await get(agent, port, urlPath, headers);
          if (response.status !== expectedStatus) unexpected++;
          samples?.push(response.ms);
        }
      }),
    );
    return unexpected;
  };
  await run(1);
  const samples = [];
  const started = performance.now();
  const unexpected = await run(SECONDS, samples);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { rps: samples.length / elapsed, p50: at(0.5), p99: at(0.99), count: samples.length, unexpected };
}

function startApp() {
  const env = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
  const reuse = process.env.BENCH_SKIP_BUILD === "1" && fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"));
  if (reuse) env.E2E_SKIP_BUILD = "1";
  console.log(reuse ? `Starting the app on :${APP_PORT} (existing ${DIST_DIR} build)…` : `Building and starting the app on :${APP_PORT} (${DIST_DIR}; takes a few minutes)…`);
  const log = fs.openSync(path.join(os.tmpdir(), `herzensthema-bench-feed-${APP_PORT}.log`), "w");
  return start(process.execPath, ["scripts/e2e-server.mjs", String(APP_PORT)], { cwd: root, env, stdio: ["ignore", log, log] });
}

function nginxBinary() {
  for (const candidate of ["nginx", "/usr/sbin/nginx"]) {
    if (spawnSync(candidate, ["-v"], { stdio: "ignore" }).status === 0) return candidate;
  }
  return null;
}

/** nginx in the foreground with an ad-hoc config in a temp dir, serving the feed bytes from a file. */
function startNginx(binary, dir, feedBytes) {
  fs.mkdirSync(path.join(dir, "www"), { recursive: true });
  fs.writeFileSync(path.join(dir, "www", "feed.rss"), feedBytes);
  // Workers may run as an unprivileged user: they must be able to read the file.
  for (const p of [dir, path.join(dir, "www")]) fs.chmodSync(p, 0o755);
  fs.chmodSync(path.join(dir, "www", "feed.rss"), 0o644);
  const temp = (name) => `${name}_temp_path ${path.join(dir, name)};`;
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    `daemon off;
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n  ")}
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    root ${path.join(dir, "www")};
    location = /feed.rss {
      default_type "application/rss+xml; charset=utf-8";
      add_header Cache-Control "public, max-age=300, stale-while-revalidate=60";
    }
  }
}
`,
  );
  return start(binary, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function measure(label, port, urlPath) {
  const first = await get(undefined, port, urlPath, {}, true);
  if (first.status !== 200) throw new Error(`${label}: expected 200, got ${first.status}`);
  const etag = first.headers.etag;
  const full = await load(port, urlPath, {}, 200);
  const notModified = await load(port, urlPath, { "If-None-Match": etag }, 304);
  return { label, bytes: first.bytes, body: first.body, etag, full, notModified };
}

function table(rows, reference) {
  const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const lines = [["server", "answer", "req/s", "p50 ms", "p99 ms", "requests", "unexpected"]];
  const line = (label, answer, result) =>
    lines.push([label, answer, fmt(result.rps), fmt(result.p50, 2), fmt(result.p99, 2), fmt(result.count), String(result.unexpected)]);
  for (const row of rows) {
    line(row.label, "200 full", row.full);
    line(row.label, "304 ETag", row.notModified);
  }
  line("app", "health (floor)", reference);
  const widths = lines[0].map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  for (const [index, line] of lines.entries()) {
    console.log(line.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  "));
    if (index === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

async function main() {
  console.log(`\n## Feed serving (${FEED_PATH}, ${CONCURRENCY} keep-alive connections, ${SECONDS} s per measurement, 127.0.0.1)`);
  const app = startApp();
  await waitFor(APP_PORT, "/api/health", app, 15 * 60_000);
  const rows = [await measure("app", APP_PORT, FEED_PATH)];
  console.log(`feed: ${rows[0].bytes} bytes, ETag ${rows[0].etag}`);
  // What any route costs in this app (framework plus one trivial database query), for scale.
  const reference = await load(APP_PORT, "/api/health", {}, 200);

  const binary = nginxBinary();
  let nginxDir = null;
  if (binary) {
    nginxDir = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-bench-nginx-"));
    // The very bytes the app served: both servers answer with the same payload.
    const nginx = startNginx(binary, nginxDir, rows[0].body);
    await waitFor(NGINX_PORT, "/feed.rss", nginx, 10_000);
    rows.push(await measure("nginx (file)", NGINX_PORT, "/feed.rss"));
    await stop(nginx);
  } else {
    console.log("nginx is not installed: skipping the static-file comparison (apt-get install -y nginx to add it).");
  }
  await stop(app);

  console.log("");
  table(rows, reference);
  if (rows.length === 2) {
    const [appRow, nginxRow] = rows;
    console.log(
      `\napp/nginx: 200 ${(appRow.full.rps / nginxRow.full.rps).toFixed(3)}×, 304 ${(appRow.notModified.rps / nginxRow.notModified.rps).toFixed(3)}×` +
        ` (client and servers share ${os.cpus().length} cores)`,
    );
  }
  if (nginxDir) fs.rmSync(nginxDir, { recursive: true, force: true });
}

try {
  await main();
} catch (error) {
  console.error(`feed bench failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
