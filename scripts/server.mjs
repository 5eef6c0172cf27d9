#!/usr/bin/env node
// The app's HTTP server for `npm start` (production build) and `npm run dev` (--dev): Next.js's own
// request handler behind a plain node:http server, for two things Next.js does not offer:
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
import { randomBytes } from "node:crypto";
import http from "node:http";
import { BlockList, isIP } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const dev = process.argv.includes("--dev");
if (!dev) process.env.NODE_ENV ??= "production";
require("@next/env").loadEnvConfig(root, dev, { info: () => {}, error: console.error });
process.env.NEXT_TELEMETRY_DISABLED = "1";

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
const outbox = process.env.MAIL_TRANSPORT === "outbox" || (!process.env.MAIL_TRANSPORT && !process.env.SMTP_URL);
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const requestedHost = arg("-H") ?? process.env.HOST;
if (outbox && requestedHost && !LOOPBACK_HOSTS.has(requestedHost)) {
  console.error(`Refusing to listen on ${requestedHost}: mail goes to the dev outbox (MAIL_TRANSPORT=outbox), which shows sign-in links. Set SMTP_URL, or listen on loopback.`);
  process.exit(1);
}
const host = requestedHost ?? (outbox ? "127.0.0.1" : "0.0.0.0");

// Peers whose X-Forwarded-For names the real client: "loopback" (default), "none", or addresses/CIDRs.
const trusted = new BlockList();
for (const entry of (process.env.TRUST_PROXY ?? "loopback").split(",").map((s) => s.trim()).filter(Boolean)) {
  if (entry === "none") continue;
  if (entry === "loopback") {
    trusted.addSubnet("127.0.0.0", 8, "ipv4");
    trusted.addAddress("::1", "ipv6");
    continue;
  }
  const [address, bits] = entry.split("/");
  const type = isIP(address) === 6 ? "ipv6" : "ipv4";
  if (!isIP(address)) throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR`);
  if (bits) trusted.addSubnet(address, Number(bits), type);
  else trusted.addAddress(address, type);
}

const bare = (ip) => (ip ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
const isTrusted = (ip) => isIP(ip) !== 0 && trusted.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
const isLoopback = (ip) => ip === "::1" || /^127\./.test(ip);

/** The client: the socket's peer, or, from a trusted proxy, the last X-Forwarded-For hop it did not add itself. */
function clientAddress(req) {
  let ip = bare(req.socket.remoteAddress);
  if (!isTrusted(ip)) return ip;
  const hops = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => bare(s.trim())).filter(Boolean);
  while (hops.length && isTrusted(ip)) ip = hops.pop();
  return isIP(ip) ? ip : bare(req.socket.remoteAddress);
}

// The token that vouches for the headers below; the app reads it from this global (same process).
const token = randomBytes(24).toString("base64url");
globalThis[Symbol.for("herzensthema.server")] = { token };

const app = (await import("next")).default({ dev, dir: root, hostname: host === "0.0.0.0" ? "localhost" : host, port });
const handle = app.getRequestHandler();
await app.prepare();

const STATUS_HEADER = "x-herzensthema-status";
const STATUSES = new Set(["410"]);

/** Lets proxy.ts choose the status of a rewritten page (only the statuses listed above). */
function honourStatusMark(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    let mark = res.getHeader(STATUS_HEADER);
    res.removeHeader(STATUS_HEADER);
    const headers = rest.find((arg) => arg && typeof arg === "object");
    if (headers && !Array.isArray(headers) && STATUS_HEADER in headers) {
      mark = headers[STATUS_HEADER];
      delete headers[STATUS_HEADER];
    }
    if (mark !== undefined && STATUSES.has(String(mark)) && status === 200) status = Number(mark);
    return writeHead.call(this, status, ...rest);
  };
}

const server = http.createServer((req, res) => {
  for (const name of Object.keys(req.headers)) if (name.startsWith("x-herzensthema-")) delete req.headers[name];
  honourStatusMark(res);
  const peer = bare(req.socket.remoteAddress);
  req.headers["x-herzensthema-client"] = `${token} ${clientAddress(req)}`;
  // Loopback means the socket's peer is this machine and no proxy forwarded the request for someone else.
  const forwarded = req.headers["x-forwarded-for"] || req.headers.forwarded || req.headers["x-real-ip"];
  if (isLoopback(peer) && !forwarded) req.headers["x-herzensthema-loopback"] = token;
  handle(req, res);
});
server.keepAliveTimeout = 65_000; // longer than nginx's and most load balancers' idle timeout
server.listen(port, host, () => {
  console.log(`> Herzensthema on http://${host.includes(":") ? `[${host}]` : host}:${port} (${dev ? "development" : "production"}${outbox ? ", dev outbox: loopback only" : ""})`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
