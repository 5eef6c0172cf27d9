/**
 * The app server's gate (scripts/server/gate.mjs) behind a real node:http server: who the client
 * is (forged headers stripped, X-Forwarded-For believed only from trusted proxies), when a request
 * counts as this machine's own (the dev outbox), 400 for paths that do not decode, and the 410
 * that proxy.ts asks for.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGate, parseNetworks } from "./gate.mjs";

const token = "test-token";
let base = "";
let server: http.Server;

beforeAll(async () => {
  const pass = createGate({ token, trusted: parseNetworks("loopback", "TRUST_PROXY"), exempt: parseNetworks("198.51.100.0/24", "RATE_LIMIT_EXEMPT") });
  server = http.createServer((req, res) => {
    if (!pass(req, res)) return;
    // Stands in for Next.js: echoes what the app would see; "/gone" is what proxy.ts marks.
    if (req.url === "/gone") res.setHeader("x-herzensthema-status", "410");
    res.setHeader("x-middleware-rewrite", "/gone/cause/x");
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ client: req.headers["x-herzensthema-client"], loopback: req.headers["x-herzensthema-loopback"] ?? null, requestId: req.headers["x-request-id"] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A GET with any headers (Host included, which fetch would not send), as a raw client would. */
function seen(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: { client?: string; loopback?: string | null; requestId?: string } }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}${path}`, { headers }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => {
        let body = {};
        try {
          body = JSON.parse(text);
        } catch {
          // a plain-text answer (400)
        }
        resolve({ status: response.statusCode!, headers: response.headers, body });
      });
    });
    request.on("error", reject);
  });
}

describe("the client's address", () => {
  it("is the socket's peer, or the last hop a trusted proxy (loopback here) added", async () => {
    expect((await seen("/")).body.client).toBe(`${token} 127.0.0.1`);
    expect((await seen("/", { "x-forwarded-for": "203.0.113.5" })).body.client).toBe(`${token} 203.0.113.5`);
    // A client that sends its own X-Forwarded-For through the proxy cannot choose: the proxy's hop counts.
    expect((await seen("/", { "x-forwarded-for": "6.6.6.6, 203.0.113.5" })).body.client).toBe(`${token} 203.0.113.5`);
    expect((await seen("/", { "x-forwarded-for": "garbage" })).body.client).toBe(`${token} 127.0.0.1`);
  });
  it("is never what the client claims in the app server's own headers", async () => {
    const forged = await seen("/", { "x-herzensthema-client": "test-token 1.2.3.4", "x-herzensthema-loopback": "test-token", "x-forwarded-for": "203.0.113.5" });
    expect(forged.body).toMatchObject({ client: `${token} 203.0.113.5`, loopback: null });
  });
  it("is marked exempt for RATE_LIMIT_EXEMPT networks", async () => {
    expect((await seen("/", { "x-forwarded-for": "198.51.100.20" })).body.client).toBe(`${token} exempt`);
  });
});

describe("this machine's own requests (the dev outbox)", () => {
  it("are loopback only without forwarding headers and with a loopback host name", async () => {
    expect((await seen("/")).body.loopback).toBe(token);
    const notOwn: Record<string, string>[] = [{ "x-forwarded-for": "203.0.113.5" }, { forwarded: "for=1.2.3.4" }, { "x-real-ip": "1.2.3.4" }, { host: "rebinding.example" }];
    for (const headers of notOwn) {
      expect((await seen("/", headers)).body.loopback, JSON.stringify(headers)).toBeNull();
    }
    expect((await seen("/", { host: "localhost:3000" })).body.loopback).toBe(token);
  });
});

describe("responses", () => {
  it("answer a path that does not decode with 400, not a 500", async () => {
    for (const path of ["/c/%E0", "/leave/%", "/a%C3%28"]) {
      const response = await seen(path);
      expect(response.status, path).toBe(400);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect((await seen("/c/K%C3%B6ln")).status).toBe(200);
  });
  it("get the 410 proxy.ts asks for, and never show Next.js's internal routing headers", async () => {
    const gone = await seen("/gone");
    expect(gone.status).toBe(410);
    expect(gone.headers["x-herzensthema-status"]).toBeUndefined();
    expect(gone.headers["x-middleware-rewrite"]).toBeUndefined();
    expect((await seen("/")).status).toBe(200);
  });
});

describe("parseNetworks", () => {
  it("refuses what is not an address or CIDR", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0.0/x", "::1/129", "not-an-ip", "10.0.0.1/8/9"]) expect(() => parseNetworks(bad, "TRUST_PROXY")).toThrow(/TRUST_PROXY/);
    expect(parseNetworks("10.0.0.0/8, 2001:db8::/32, none", "X").check("10.1.2.3", "ipv4")).toBe(true);
  });
});

describe("the request id", () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  it("is fresh for every request and answered as X-Request-Id, also on a refused path", async () => {
    const [a, b] = await Promise.all([seen("/"), seen("/")]);
    expect(a.headers["x-request-id"]).toMatch(uuid);
    expect(a.body.requestId).toBe(a.headers["x-request-id"]);
    expect(b.headers["x-request-id"]).not.toBe(a.headers["x-request-id"]);
    expect((await seen("/c/%E0")).headers["x-request-id"]).toMatch(uuid);
  });
  it("is the trusted proxy's when it passes one on, and never a malformed one", async () => {
    expect((await seen("/", { "x-request-id": "7f3a9c0d2e1b4a5f" })).headers["x-request-id"]).toBe("7f3a9c0d2e1b4a5f");
    for (const bad of ["short", "x".repeat(65), "has spaces in it", "semi;colon;value", "../../etc/passwd", "a\tb-tab-inside"]) {
      expect((await seen("/", { "x-request-id": bad })).headers["x-request-id"], bad).toMatch(uuid);
    }
  });
  it("is ignored from anybody who is not a trusted proxy", async () => {
    const untrusted = createGate({ token, trusted: parseNetworks("none", "TRUST_PROXY"), exempt: parseNetworks("", "RATE_LIMIT_EXEMPT") });
    const other = http.createServer((req, res) => {
      if (untrusted(req, res)) res.end(String(req.headers["x-request-id"]));
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`, { headers: { "x-request-id": "chosen-by-the-client" } });
      const id = response.headers.get("x-request-id");
      expect(id).toMatch(uuid);
      expect(await response.text()).toBe(id);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
