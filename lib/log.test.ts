import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, requestContext, scrub } from "./log.mjs";

/** A logger writing into an array of parsed lines. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  // At info, whatever LOG_LEVEL the test run sets for the app's own lines.
  const level = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "info";
  const log = createLogger(stream).child({ component: "test" });
  process.env.LOG_LEVEL = level;
  return { log, lines };
}

describe("scrub", () => {
  it("takes addresses, token path segments and query strings out of a text", () => {
    expect(scrub("mail to anna.mueller+news@example.org failed")).toBe("mail to <address> failed");
    expect(scrub("GET /leave/abcDEF123_-xyz HTTP/1.1")).toBe("GET /leave/{token} HTTP/1.1");
    expect(scrub("fetch /api/feeds/me/s3cr3t/rss")).toBe("fetch /api/feeds/me/{token}/rss");
    expect(scrub("at /email/confirm/t0k3n and /email/preferences/p4ss")).toBe("at /email/confirm/{token} and /email/preferences/{token}");
    expect(scrub("callback /api/auth/callback/email?token=abc&email=a%40b.de")).toBe("callback /api/auth/callback/email?…");
    expect(scrub("/signin/confirm?x='&token=abc next")).toBe("/signin/confirm?… next");
    expect(scrub("/LEAVE/AbC123 and /Api/Feeds/Me/xyz/rss")).toBe("/LEAVE/{token} and /Api/Feeds/Me/{token}/rss");
    // A request's route pattern is not a token.
    expect(scrub('"route":"/leave/[token]"')).toBe('"route":"/leave/[token]"');
    expect(scrub("anna%40example.org, anna＠example.org, anna@пример.рф")).toBe("<address>, <address>, <address>");
    expect(scrub("connect postgresql://herz:s3cr3t@127.0.0.1:5432/db failed")).toBe("connect postgresql://<credentials>@127.0.0.1:5432/db failed");
    expect(scrub("Warum? Darum.")).toBe("Warum? Darum.");
    expect(scrub("Ümlaut-Straße ohne Adresse")).toBe("Ümlaut-Straße ohne Adresse");
    expect(scrub("mailto:Anna.Mueller@Example.ORG, <b@c.de>")).toBe("mailto:<address>, <<address>>");
    // Stack frames of scoped packages are paths, not addresses.
    const frame = "at run (file:///srv/app/node_modules/@prisma/client/runtime/client.js:12:7)";
    expect(scrub(frame)).toBe(frame);
  });
});

describe("scrub on hostile input", () => {
  it("stays linear: 200 000 characters without a space in well under a second", () => {
    for (const text of ["x".repeat(200_000), "/".repeat(200_000), "a@".repeat(100_000), `?${"a=".repeat(100_000)}`, "/leave/".repeat(30_000)]) {
      const started = performance.now();
      scrub(text);
      expect(performance.now() - started, text.slice(0, 10)).toBeLessThan(1000);
    }
  });
});

describe("the logger", () => {
  it("writes one JSON object per line with level, component and the request's id", async () => {
    const { log, lines } = capture();
    await requestContext.run({ requestId: "req-12345678" }, async () => {
      await Promise.resolve();
      log.info({ route: "/c/[slug]" }, "request");
    });
    log.warn("outside a request");
    expect(lines[0]).toMatchObject({ level: "info", component: "test", reqId: "req-12345678", route: "/c/[slug]", msg: "request" });
    expect(typeof lines[0].time).toBe("string");
    expect(lines[1]).toMatchObject({ level: "warn", msg: "outside a request" });
    expect(lines[1]).not.toHaveProperty("reqId");
  });

  it("scrubs every part of a line: fields, format arguments, error properties, causes, inner errors", () => {
    const { log, lines } = capture();
    // What nodemailer hangs on a refused recipient, and what Prisma's adapter nests in a cause.
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
      rejected: ["anna@example.org"],
      rejectedErrors: [{ recipient: "anna@example.org", response: "550 unknown anna@example.org" }],
      cause: Object.assign(new Error("driver: duplicate key (email)=(anna@example.org)"), { originalMessage: "anna@example.org" }),
    });
    log.error({ err: refused }, "confirmation mail failed");
    log.error(new AggregateError([new Error("ben@example.org bounced")], "several failed"));
    log.info({ where: "/email/preferences/secret123" }, "%o", { email: "carla@example.org" });
    const text = JSON.stringify(lines);
    for (const secret of ["anna@", "ben@", "carla@", "secret123"]) expect(text).not.toContain(secret);
    expect(lines[0].err).toEqual({
      type: "Error",
      // pino's serializer adds the causes' messages to the message.
      message: "Can't send mail - all recipients were rejected: driver: duplicate key (email)=(<address>)",
      stack: expect.any(String),
      cause: { type: "Error", message: "driver: duplicate key (email)=(<address>)", stack: expect.any(String) },
    });
    expect(lines[1]).toMatchObject({ err: { type: "AggregateError", errors: [{ message: "<address> bounced" }] } });
  });

  it("never writes an address or a token from a message or an error", () => {
    const { log, lines } = capture();
    log.info("sign-in mail for reader@example.org queued, link /email/confirm/verysecrettoken");
    const error = Object.assign(new Error("550 mailbox reader@example.org unavailable"), {
      meta: { target: "reader@example.org" },
      params: ["reader@example.org"],
    });
    log.error({ err: error }, "send failed for /leave/anothersecret?x=1");
    const text = JSON.stringify(lines);
    expect(text).not.toContain("reader@example.org");
    expect(text).not.toContain("verysecrettoken");
    expect(text).not.toContain("anothersecret");
    expect(lines[1]).toMatchObject({ level: "error", msg: "send failed for /leave/{token}?…", err: { type: "Error", message: "550 mailbox <address> unavailable" } });
    expect(lines[1].err).not.toHaveProperty("meta");
    expect(lines[1].err).not.toHaveProperty("params");
  });
});
