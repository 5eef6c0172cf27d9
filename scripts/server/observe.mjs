// What the app's server records about every request: a log line and the request metrics, both
// labelled by route pattern ("/leave/[token]", "/c/[slug]"), never by the path itself — no token,
// no query string and no address reaches a log line or a metric label.
import fs from "node:fs";
import path from "node:path";
import { logger } from "../../lib/log.mjs";
import { processMetrics } from "../../lib/metrics.mjs";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
// Asset and probe requests are many and uninteresting: logged at debug level only.
const QUIET = new Set(["/_next/static", "/api/health", "/favicon.ico"]);

/** Maps a path to its route pattern, from the build's routes-manifest.json. */
export function routeLabeller(distDir) {
  let routes;
  function load() {
    for (const file of [path.join(distDir, "routes-manifest.json"), path.join(distDir, "dev", "routes-manifest.json")]) {
      try {
        const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
        return [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
      } catch {
        // not built yet (development): try the next place
      }
    }
    return [];
  }
  return function label(pathname) {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/")) return "/_next";
    routes ??= load();
    for (const route of routes) if (route.regex.test(pathname)) return route.page;
    return "(other)";
  };
}

/** Returns observe(req, res): call it once per request, before the answer starts. */
export function createObserver({ distDir }) {
  const log = logger("http");
  const label = routeLabeller(distDir);
  const { requests, duration } = processMetrics();
  return function observe(req, res) {
    const started = process.hrtime.bigint();
    let done = false;
    const finish = (aborted) => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let pathname = "/";
      try {
        pathname = new URL(req.url ?? "/", "http://x").pathname;
      } catch {
        // the gate answers undecodable paths itself; anything else counts as "(other)"
      }
      const route = label(pathname);
      const method = METHODS.has(req.method) ? req.method : "other";
      const status = aborted && !res.headersSent ? "aborted" : String(res.statusCode);
      requests.inc({ route, method, status });
      duration.observe({ route }, seconds);
      const level = res.statusCode >= 500 ? "warn" : QUIET.has(route) ? "debug" : "info";
      log[level]({ reqId: req.requestId, method, route, status, ms: Math.round(seconds * 10_000) / 10 }, "request");
    };
    res.once("finish", () => finish(false));
    res.once("close", () => finish(true));
  };
}
