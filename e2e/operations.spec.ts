/**
 * What an operator sees of requests, against the real server (scripts/server.mjs behind
 * scripts/e2e-server.mjs): every answer carries a request id, each request is one JSON log line
 * and one count in /api/metrics, both named by route pattern, never by a token, an address or a
 * query string.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { e2ePort, expect, test } from "./fixtures";
import { signInByMail, uniqueEmail } from "./helpers";

const METRICS_TOKEN = process.env.METRICS_TOKEN ?? "e2e-metrics-token-0123456789abcdef";
// The log file of this worker's app server (as scripts/e2e-server.mjs names it).
const logFile = () => {
  const port = e2ePort();
  return `data/${port === 3100 ? "e2e-server.log" : `e2e-server-${port}.log`}`;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const logLines = () =>
  fs
    .readFileSync(logFile(), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test("every answer carries a request id: a trusted proxy's is kept, a malformed one replaced", async ({ request }) => {
  const plain = await request.get("/api/health");
  expect(plain.headers()["x-request-id"]).toMatch(UUID);
  expect(await plain.json()).toMatchObject({ status: "ok", database: true });

  // This browser runs on loopback, which TRUST_PROXY trusts by default (nginx on the same host):
  // its id is kept, so nginx's log and the app's line up. Unknown peers are gate.test.ts's part.
  const proxied = await request.get("/explore", { headers: { "X-Request-Id": "nginx-0123456789abcdef" } });
  expect(proxied.headers()["x-request-id"]).toBe("nginx-0123456789abcdef");
  for (const malformed of ["short", "x".repeat(65), "id with spaces", "id/with/slashes", "<script>alert(1)</script>"]) {
    const response = await request.get("/explore", { headers: { "X-Request-Id": malformed } });
    expect(response.status()).toBe(200);
    expect(response.headers()["x-request-id"]).toMatch(UUID);
  }
});

test("log lines and metrics name the route, never a token, an address or a query string", async ({ page, request }) => {
  const email = uniqueEmail("observed");
  const secret = `s3cret${randomUUID().replaceAll("-", "")}`;

  const leave = await request.get(`/leave/${secret}`);
  const leaveId = leave.headers()["x-request-id"];
  await request.get(`/api/feeds/me/${secret}/rss?utm_source=${secret}`);
  await request.get(`/c/no-such-cause-here?email=${encodeURIComponent(email)}`);
  await signInByMail(page, email); // a sign-in mail for the address, its link, the session

  // Metrics: a bearer token is required, and labels are route patterns.
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect((await request.get("/api/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}0` } })).status()).toBe(401);
  const scrape = await request.get("/api/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(scrape.status()).toBe(200);
  const metrics = await scrape.text();
  expect(metrics).toMatch(/^herzensthema_http_requests_total\{route="\/leave\/\[token\]",method="GET",status="\d{3}"\} [1-9]\d*$/m);
  expect(metrics).toMatch(/^herzensthema_http_requests_total\{route="\/api\/feeds\/me\/\[token\]\/\[format\]",method="GET",status="\d{3}"\} [1-9]/m);
  expect(metrics).toMatch(/^herzensthema_http_requests_total\{route="\/c\/\[slug\]",method="GET",status="404"\} [1-9]/m);
  expect(metrics).toMatch(/^herzensthema_http_request_duration_seconds_bucket\{le="0\.1",route="\/leave\/\[token\]"\} \d+$/m);
  expect(metrics).toMatch(/^herzensthema_deliveries\{state="due"\} \d+$/m);
  expect(metrics).not.toContain(secret);
  expect(metrics).not.toContain(email);

  // Log: one line per request with its id; nothing personal anywhere in the server's output.
  await expect.poll(() => logLines().some((line) => line.reqId === leaveId)).toBe(true);
  const lines = logLines();
  expect(lines.find((line) => line.reqId === leaveId && line.msg === "request")).toMatchObject({
    level: "info",
    component: "http",
    method: "GET",
    route: "/leave/[token]",
  });
  const text = fs.readFileSync(logFile(), "utf8");
  expect(text).not.toContain(secret);
  expect(text).not.toContain(email);
  expect(text).not.toContain("utm_source");
  expect(text).not.toMatch(/"(ip|remoteAddress|userAgent|user-agent)"/i);
});

test("nobody can write into the server's log through next-auth's logging endpoint", async ({ request }) => {
  const marker = `forged-log-line-${randomUUID()}`;
  for (const send of [() => request.post("/api/auth/_log", { form: { level: "error", code: marker, message: marker } }), () => request.get(`/api/auth/_log?code=${marker}`)]) {
    expect((await send()).status()).toBe(404);
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(fs.readFileSync(logFile(), "utf8")).not.toContain(marker);
});
