/**
 * The shipped nginx configuration (deploy/nginx.conf with deploy/nginx/) in front of the app: public
 * feeds and signed-out page views come from its micro-cache; a signed-in page, a token page and the
 * private feed never do — not on a second request, not for anybody else, not on disk. nginx's
 * request id reaches the app's log; the site file with TLS passes `nginx -t`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "./fixtures";
import { nginxBinary, writeNginxConfig } from "../scripts/nginx-config.mjs";
import { signIn, uniqueEmail } from "./helpers";

const NGINX_PORT = 3190;
const proxied = (p: string) => `http://127.0.0.1:${NGINX_PORT}${p}`;
let nginx: ChildProcess | undefined;
let dir = "";

test.beforeAll(async ({ baseURL }) => {
  const binary = nginxBinary();
  test.skip(!binary, "nginx is not installed (.ci/run installs it)");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-e2e-nginx-"));
  const args = writeNginxConfig({ root: path.resolve(__dirname, ".."), dir, appPort: Number(new URL(baseURL!).port), port: NGINX_PORT });
  nginx = spawn(binary!, args, { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(proxied("/api/health"))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("nginx did not start");
});

test.afterAll(() => {
  nginx?.kill("SIGTERM");
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Every file nginx's cache holds, as text: nothing personal may be in there. A cache file is
 * nginx's own header, the upstream's HTTP header and the body (gzip when the app compressed it).
 */
function cacheContents() {
  const files: string[] = [];
  const walk = (p: string) => {
    for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
      const full = path.join(p, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(readCacheFile(fs.readFileSync(full)));
    }
  };
  walk(path.join(dir, "cache"));
  return files.join("\n");
}

function readCacheFile(file: Buffer) {
  const headerEnd = file.indexOf("\r\n\r\n", file.indexOf("HTTP/1.1 "));
  if (headerEnd < 0) return file.toString("latin1");
  const header = file.subarray(0, headerEnd).toString("latin1");
  const body = file.subarray(headerEnd + 4);
  if (!/^content-encoding: gzip/im.test(header)) return `${header}\n${body.toString("utf8")}`;
  // A chunked upstream answer is stored de-chunked; an interrupted one may be cut short.
  return `${header}\n${zlib.gunzipSync(body, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString("utf8")}`;
}

test("public feeds and signed-out pages are micro-cached; private things never are", async ({ page, request }) => {
  test.setTimeout(90_000);
  // Public: the second request is a cache hit.
  for (const p of ["/api/feeds/c/saubere-spree/rss", "/c/saubere-spree", "/explore"]) {
    await request.get(proxied(p));
    expect((await request.get(proxied(p))).headers()["x-cache"], p).toBe("HIT");
  }

  // A fediverse server asking the same page for ActivityPub gets JSON, never stored and never the
  // cached page; and the page's cached entry is still the page for browsers.
  for (let i = 0; i < 2; i++) {
    const actor = await request.get(proxied("/c/saubere-spree"), { headers: { Accept: "application/activity+json" } });
    expect(actor.headers()["content-type"]).toContain("application/activity+json");
    expect(["BYPASS", "MISS"]).toContain(actor.headers()["x-cache"]);
  }
  const html = await request.get(proxied("/c/saubere-spree"));
  expect(html.headers()["content-type"]).toContain("text/html");
  expect(html.headers()["x-cache"]).toBe("HIT");

  // Signed in (the session cookie is sent to nginx as well): every view passes through, twice.
  const email = uniqueEmail("nginx");
  await signIn(page, email, "/c/saubere-spree");
  await page.getByTestId("follow-button").click();
  await expect(page.getByTestId("follow-button")).toHaveText("Leave");
  for (const p of ["/feed", "/subscriptions", "/account", "/c/saubere-spree"]) {
    for (let i = 0; i < 2; i++) {
      const response = await page.goto(proxied(p));
      expect(response!.status(), p).toBe(200);
      expect(["BYPASS", "MISS", undefined], `${p} #${i + 1}`).toContain(response!.headers()["x-cache"]);
    }
  }
  // …and what a signed-out visitor then gets from the cache is the signed-out page.
  const anonymous = await request.get(proxied("/c/saubere-spree"));
  expect(await anonymous.text()).not.toContain(email);

  // A private feed address and token pages: never stored, whoever asks.
  await page.goto(proxied("/subscriptions"));
  const card = page.getByTestId("reader-feed-card");
  await card.getByRole("button", { name: "Create my private address" }).click();
  const feedUrl = await card.getByTestId("reader-feed-url").inputValue();
  const privatePath = new URL(feedUrl).pathname;
  for (let i = 0; i < 2; i++) {
    const feed = await request.get(proxied(privatePath));
    expect(feed.status()).toBe(200);
    expect(feed.headers()["x-cache"]).toBeUndefined();
  }
  const leaveLink = await page.getByTestId("leave-link").first().getAttribute("href");
  for (const p of [leaveLink!, "/email/preferences/abc.def"]) {
    for (let i = 0; i < 2; i++) expect((await request.get(proxied(p))).headers()["x-cache"], p).toBeUndefined();
  }

  const cached = cacheContents();
  expect(cached).toContain("Saubere Spree"); // the public entries are there…
  expect(cached).not.toContain(email); // …nothing of the signed-in person
  expect(cached).not.toContain(privatePath.split("/")[4]);
  expect(cached).not.toContain(leaveLink!.split("/").pop()!);
  // The access log names no IP and no token.
  const log = fs.readFileSync(path.join(dir, "access.log"), "utf8");
  expect(log).not.toContain("127.0.0.1");
  expect(log).not.toContain(privatePath.split("/")[4]);
  expect(log).toContain("/api/feeds/me/{token}");
  expect(log).toContain("/leave/{token}");
});

test("nginx's request id is the app's: one id per request in both logs, a cached answer gets its own", async ({ request, baseURL }) => {
  const first = await request.get(proxied("/explore?nginx-id-test"));
  const id = first.headers()["x-request-id"];
  expect(id).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id
  const port = Number(new URL(baseURL!).port);
  const appLog = () => fs.readFileSync(path.resolve(__dirname, `../data/${port === 3100 ? "e2e-server.log" : `e2e-server-${port}.log`}`), "utf8");
  await expect.poll(() => appLog().includes(`"reqId":"${id}"`)).toBe(true);
  expect(fs.readFileSync(path.join(dir, "access.log"), "utf8")).toContain(` ${id} "GET /explore"`);
  const second = await request.get(proxied("/explore?nginx-id-test"));
  expect(second.headers()["x-cache"]).toBe("HIT");
  expect(second.headers()["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
  expect(second.headers()["x-request-id"]).not.toBe(id);
});

test("the shipped site file, with a certificate in place of the placeholders, passes nginx -t", () => {
  const shipped = path.resolve(__dirname, "../deploy");
  const check = fs.mkdtempSync(path.join(os.tmpdir(), "herzensthema-nginx-t-"));
  const openssl = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=herzensthema.example.org",
    "-keyout", path.join(check, "privkey.pem"), "-out", path.join(check, "fullchain.pem")], { encoding: "utf8" });
  expect(openssl.status, openssl.stderr).toBe(0);
  for (const name of ["herzensthema-http.conf", "herzensthema-locations.conf"]) {
    fs.writeFileSync(path.join(check, name), fs.readFileSync(path.join(shipped, "nginx", name), "utf8")
      .replace("/var/cache/nginx/herzensthema", path.join(check, "cache"))
      .replace("/var/log/nginx/herzensthema.access.log", path.join(check, "access.log")));
  }
  const site = fs.readFileSync(path.join(shipped, "nginx.conf"), "utf8")
    .replaceAll("/etc/nginx/herzensthema/", `${check}/`)
    .replaceAll("/etc/letsencrypt/live/herzensthema.example.org/", `${check}/`)
    .replaceAll("/var/log/nginx/herzensthema.access.log", path.join(check, "access.log"))
    .replace(/listen (\[::\]:)?(80|443)/g, (_m, v6, p) => `listen ${v6 ? "[::1]:" : "127.0.0.1:"}${p === "80" ? 3191 : 3192}`);
  fs.writeFileSync(path.join(check, "site.conf"), site);
  fs.writeFileSync(path.join(check, "nginx.conf"), `pid ${check}/nginx.pid;
error_log ${check}/error.log;
events {}
http {
  ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((n) => `${n}_temp_path ${check}/${n}-temp;`).join("\n  ")}
  include ${check}/site.conf;
}
`);
  const result = spawnSync(nginxBinary()!, ["-t", "-p", check, "-c", path.join(check, "nginx.conf"), "-e", path.join(check, "error.log")], { encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).toContain("syntax is ok");
  expect(result.stderr).not.toMatch(/\[(warn|emerg|alert)\]/);
  fs.rmSync(check, { recursive: true, force: true });
});
