/**
 * Sign-in mail goes out over real SMTP (a server started inside the test) in the reader's
 * language; in outbox mode it is stored for /dev/outbox instead and never leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSmtpServer } from "../support/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

async function loadMail(transport: "smtp" | "outbox") {
  vi.resetModules();
  process.env.MAIL_TRANSPORT = transport;
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "Herzensthema <hello@herzensthema.test>";
  return {
    ...(await import("@/lib/mail/send")),
    ...(await import("@/lib/mail/account")),
    ...(await import("@/lib/mail/outbox")),
    db: (await import("@/lib/db")).db,
  };
}

describe("sign-in mail", () => {
  it("arrives over SMTP with the link, in German, with plain-text and HTML parts", async () => {
    const mail = await loadMail("smtp");
    const link = "http://localhost:3000/api/auth/callback/email?token=abc123&email=leser%40example.org";
    await mail.sendMail({ to: "leser@example.org", ...mail.signInMail(link, "de") });

    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message.to).toEqual(["leser@example.org"]);
    expect(message.from).toBe("hello@herzensthema.test");
    expect(message.raw).toMatch(/^Subject: Dein Anmeldelink f=C3=BCr localhost:3000|^Subject: =\?UTF-8\?/m);
    expect(message.raw).toContain("multipart/alternative");
    expect(message.raw).toContain("text/plain");
    expect(message.raw).toContain("text/html");
    expect(message.raw.replace(/=\r?\n/g, "")).toContain("token=3Dabc123");
  });

  it("is stored in the outbox, not sent, when MAIL_TRANSPORT=outbox", async () => {
    const mail = await loadMail("outbox");
    const before = smtp.received.length;
    const to = `outbox-${Date.now()}@example.org`;
    const link = `http://localhost:3000/api/auth/callback/email?token=xyz&email=${encodeURIComponent(to)}`;
    await mail.sendMail({ to, ...mail.signInMail(link, "en") });

    expect(smtp.received.length).toBe(before);
    const stored = await mail.db.outboxMail.findFirstOrThrow({ where: { to } });
    expect(stored.subject).toBe("Your sign-in link for localhost:3000");
    expect(mail.linksIn(stored.text)).toEqual([link]);
    expect(mail.outboxEnabled).toBe(true);
  });
});
