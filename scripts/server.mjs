#!/usr/bin/env node
// The app's HTTP server for `npm start` (production build) and `npm run dev` (--dev): Next.js's own
// request handler behind a plain node:http server, for what Next.js does not offer:
//
// 1. It knows who is really on the other end of the socket. Rate limits count per client, and the
//    dev outbox (sign-in links!) must answer loopback only; request headers can be forged, the
//    socket's peer cannot. The server strips any incoming x-herzensthema-* header and sets its own,
//    vouched for by a per-process token the app checks (lib/client.ts). X-Forwarded-For is only
//    believed from TRUST_PROXY peers (default: loopback, i.e. nginx on the same host).
// 2. It binds to loopback whenever mail goes to the dev outbox, so nobody on the network can read it.
// 3. It gives the pages of suspended or removed content their 410 Gone: Next.js renders a rewritten
//    page with 200 whatever status proxy.ts asked for, so proxy.ts marks the response with
//    x-herzensthema-status and the status is set here as the head is written.
// 4. It gives every request an id (X-Request-Id; a trusted proxy's is kept), counts it for
//    /api/metrics and writes one JSON log line for it, named by route, never by path
//    (scripts/server/observe.mjs, lib/log.mjs).
import "./node-version.mjs";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadProjectEnv } from "../lib/db-url.mjs";
import { createGate, LOOPBACK_HOSTS, parseNetworks } from "./server/gate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
if (!dev) process.env.NODE_ENV ??= "production";
loadProjectEnv(root, dev);
process.env.NEXT_TELEMETRY_DISABLED = "1";

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
const outbox = process.env.MAIL_TRANSPORT === "outbox" || (!process.env.MAIL_TRANSPORT && !process.env.SMTP_URL);
const requestedHost = arg("-H") ?? process.env.HOST;
if (outbox && requestedHost && !LOOPBACK_HOSTS.has(requestedHost)) {
  console.error(`Refusing to listen on ${requestedHost}: mail goes to the dev outbox (MAIL_TRANSPORT=outbox), which shows sign-in links. Set SMTP_URL, or listen on loopback.`);
  process.exit(1);
}
const host = requestedHost ?? (outbox ? "127.0.0.1" : "0.0.0.0");

// The token that vouches for the headers below; the app reads it from this global (same process).
const token = randomBytes(24).toString("base64url");
globalThis[Symbol.for("herzensthema.server")] = { token };

// Peers whose X-Forwarded-For names the real client ("loopback" = nginx on the same host), and
// client networks without per-client rate limits (an office's shared NAT, the browser tests).
const pass = createGate({
  token,
  trusted: parseNetworks(process.env.TRUST_PROXY ?? "loopback", "TRUST_PROXY"),
  exempt: parseNetworks(process.env.RATE_LIMIT_EXEMPT ?? "", "RATE_LIMIT_EXEMPT"),
});

const app = (await import("next")).default({ dev, dir: root, hostname: host === "0.0.0.0" ? "localhost" : host, port });
const handle = app.getRequestHandler();
await app.prepare();

// Logging reads LOG_LEVEL, so it loads after the .env files.
const { logger, requestContext, routeConsole } = await import("../lib/log.mjs");
const { createObserver } = await import("./server/observe.mjs");
const log = logger("server");
// In production what Next.js and libraries print becomes scrubbed JSON lines too; in development
// Next.js's own messages stay readable.
if (!dev) routeConsole(logger("console"));
const observe = createObserver({ distDir: path.join(root, process.env.NEXT_DIST_DIR || ".next") });

const server = http.createServer((req, res) => {
  observe(req, res); // reads the request id when the answer is done
  if (!pass(req, res)) return;
  // The app's log lines carry this request's id (lib/log.mjs reads the context).
  requestContext.run({ requestId: req.requestId }, () => handle(req, res));
});
server.keepAliveTimeout = 65_000; // longer than nginx's and most load balancers' idle timeout
server.listen(port, host, () => {
  log.info({ host, port, mode: dev ? "development" : "production", outbox }, `Herzensthema on http://${host.includes(":") ? `[${host}]` : host}:${port}`);
});
// What the app asks to finish before the process ends (lib/insights/counter.ts writes the read
// counts it holds in memory), given three seconds at most.
const shutdownHooks = (globalThis[Symbol.for("herzensthema.shutdown")] ??= new Set());
let exiting = false;
function finishAndExit() {
  if (exiting) return;
  exiting = true;
  const hooks = Promise.allSettled([...shutdownHooks].map((hook) => hook()));
  Promise.race([hooks, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]).finally(() => process.exit(0));
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(finishAndExit);
    setTimeout(finishAndExit, 10_000).unref();
  });
}
