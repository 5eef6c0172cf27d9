// What the app's server (scripts/server.mjs) does to every request before Next.js sees it, as a
// plain module so a test can run it behind a bare node:http server (scripts/server/gate.test.ts).
import { randomUUID } from "node:crypto";
import { BlockList, isIP } from "node:net";

export const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const STATUS_HEADER = "x-herzensthema-status";
// A request id a trusted proxy may hand on (nginx: proxy_set_header X-Request-Id $request_id).
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
// The statuses proxy.ts may ask for (Next.js renders a rewritten page with 200 whatever it asks).
const STATUSES = new Set(["410"]);

/** "loopback", "none", or comma-separated addresses and CIDRs → a BlockList. */
export function parseNetworks(list, name) {
  const networks = new BlockList();
  for (const entry of String(list ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    if (entry === "none") continue;
    if (entry === "loopback") {
      networks.addSubnet("127.0.0.0", 8, "ipv4");
      networks.addAddress("::1", "ipv6");
      continue;
    }
    const [address, bits, extra] = entry.split("/");
    const kind = isIP(address);
    const prefix = Number(bits);
    const max = kind === 6 ? 128 : 32;
    if (!kind || extra !== undefined || (bits !== undefined && (!/^\d+$/.test(bits) || prefix > max))) {
      throw new Error(`${name}: "${entry}" is not an IP address or CIDR`);
    }
    const type = kind === 6 ? "ipv6" : "ipv4";
    if (bits !== undefined) networks.addSubnet(address, prefix, type);
    else networks.addAddress(address, type);
  }
  return networks;
}

const bare = (ip) => String(ip ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
const within = (networks, ip) => isIP(ip) !== 0 && networks.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
const isLoopback = (ip) => ip === "::1" || /^127\./.test(ip);
/** The name a browser asked for; a DNS-rebinding page's own name is not a loopback name. */
const hostName = (host) => String(host ?? "").replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1").toLowerCase();

/** A path whose percent-encoding does not decode ("/c/%E0") is the client's mistake. */
function malformedPath(url) {
  try {
    decodeURIComponent(String(url).split("?")[0]);
    return false;
  } catch {
    return true;
  }
}

/**
 * The gate for one server process. `token` vouches for the headers it sets (lib/client.ts checks
 * it); `trusted` are proxies whose X-Forwarded-For names the client; `exempt` are client networks
 * without per-client rate limits. `pass(req, res)` returns false when it answered the request itself.
 */
export function createGate({ token, trusted, exempt }) {
  /** The socket's peer, or, from a trusted proxy, the last X-Forwarded-For hop it did not add itself. */
  function clientAddress(req) {
    const peer = bare(req.socket.remoteAddress);
    let ip = peer;
    if (!within(trusted, ip)) return ip;
    const hops = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => bare(s.trim())).filter(Boolean);
    while (hops.length && within(trusted, ip)) ip = hops.pop();
    return isIP(ip) ? ip : peer;
  }

  /** Lets proxy.ts choose the status of a rewritten page, and keeps Next.js's routing headers in. */
  function honourStatusMark(res) {
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      let mark = res.getHeader(STATUS_HEADER);
      res.removeHeader(STATUS_HEADER);
      const headers = rest.find((arg) => arg && typeof arg === "object" && !Array.isArray(arg));
      if (headers && STATUS_HEADER in headers) {
        mark = headers[STATUS_HEADER];
        delete headers[STATUS_HEADER];
      }
      if (mark !== undefined && STATUSES.has(String(mark)) && status === 200) status = Number(mark);
      for (const name of res.getHeaderNames()) if (name.startsWith("x-middleware-")) res.removeHeader(name);
      return writeHead.call(this, status, ...rest);
    };
  }

  /**
   * Every request gets an id for its log lines, answered as X-Request-Id: the one a trusted proxy
   * passed on (so its log and ours line up), else a fresh one. Anybody else's is ignored.
   */
  function assignRequestId(req, res) {
    const offered = req.headers["x-request-id"];
    const fromProxy = within(trusted, bare(req.socket.remoteAddress)) && typeof offered === "string" && REQUEST_ID.test(offered);
    req.requestId = fromProxy ? offered : randomUUID();
    req.headers["x-request-id"] = req.requestId;
    res.setHeader("X-Request-Id", req.requestId);
  }

  function pass(req, res) {
    assignRequestId(req, res);
    if (malformedPath(req.url ?? "/")) {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" });
      res.end("Bad request: this address is not valid. / Diese Adresse ist ungültig.\n");
      return false;
    }
    for (const name of Object.keys(req.headers)) if (name.startsWith("x-herzensthema-")) delete req.headers[name];
    honourStatusMark(res);
    const client = clientAddress(req);
    req.headers["x-herzensthema-client"] = `${token} ${within(exempt, client) ? "exempt" : client}`;
    // Loopback: the socket's peer is this machine, no proxy forwarded it for somebody else, and the
    // browser asked for a loopback name.
    const forwarded = req.headers["x-forwarded-for"] || req.headers.forwarded || req.headers["x-real-ip"];
    if (isLoopback(bare(req.socket.remoteAddress)) && !forwarded && LOOPBACK_HOSTS.has(hostName(req.headers.host))) {
      req.headers["x-herzensthema-loopback"] = token;
    }
    return true;
  }
  return pass;
}
