/**
 * Email delivery over a real SMTP server: a confirmed follower receives what they asked for, with
 * one-click unsubscribe headers, a stable Message-ID, text and HTML parts, the "why you got this"
 * text in their language; a rejected address is paused with a ledger entry; a greylisting or
 * unreachable server is retried with backoff and caught up later.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runPass } from "@/lib/delivery/worker";
import { createSmtpMailer, type Mailer } from "@/lib/mail/send";
import { deliveryCause, followByEmail, publish } from "../support/delivery";
import { parseMail } from "../support/mime";
import { startSmtpServer } from "../support/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: Mailer;

beforeAll(async () => {
  smtp = await startSmtpServer({
    rejectRecipient: (address) =>
      address.startsWith("bounce-") ? { code: 550, message: "5.1.1 No such user" } : address.startsWith("grey-") ? { code: 451, message: "4.7.1 Try again later" } : null,
  });
  mailer = createSmtpMailer(smtp.url, { from: "Herzensthema <hello@herzensthema.test>" });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});

const to = (address: string) => smtp.received.filter((m) => m.to.includes(address)).map((m) => parseMail(m.raw));

describe("sending", () => {
  it("delivers one update mail with unsubscribe headers, both parts and the why text, exactly once", async () => {
    const cause = await deliveryCause("Fahrradwege");
    const de = await followByEmail({ topicId: cause.id, slug: cause.slug, mailLocale: "de" });
    const en = await followByEmail({ topicId: cause.id, slug: cause.slug, mailLocale: "en", cadence: "instant" });
    const update = await publish(cause.id, new Date("2031-01-15T10:00:00Z"), { title: "Neue Spur am Ring" });
    const now = new Date("2031-01-15T10:01:00Z");

    const stats = await runPass({ mailer, now });
    expect(stats.sent).toBeGreaterThanOrEqual(2);
    await runPass({ mailer, now: new Date(now.getTime() + 60_000) });

    const [mail] = to(de.email!);
    expect(to(de.email!)).toHaveLength(1);
    const delivery = await db.delivery.findUniqueOrThrow({ where: { subscriptionId_key: { subscriptionId: de.id, key: `u:${update.id}` } } });
    expect(delivery.status).toBe("sent");
    expect(mail.headers.get("message-id")).toBe(`<delivery-${delivery.id}@localhost>`);
    expect(mail.headers.get("list-unsubscribe")).toMatch(/^<http:\/\/localhost:3000\/api\/leave\?token=[^>]+>$/);
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.headers.get("list-id")).toContain(`<${cause.slug}.c.localhost>`);
    expect(mail.subject).toBe("Fahrradwege: Neue Spur am Ring");
    expect(mail.text).toContain(`Du hast ${de.email} am`);
    expect(mail.text).toContain(`über http://localhost:3000/c/${cause.slug} für Fahrradwege bestätigt.`);
    expect(mail.text).toContain("Du hast jede Neuigkeit sofort bei Veröffentlichung gewählt.");
    expect(mail.text).toContain(`http://localhost:3000/c/${cause.slug}/u/${update.id}`);
    expect(mail.text).toContain("http://localhost:3000/email/preferences/");
    expect(mail.text).toContain("http://localhost:3000/leave/");
    expect(mail.html).toContain(`href="http://localhost:3000/c/${cause.slug}/u/${update.id}"`);
    expect(mail.html).not.toMatch(/<img/i);

    const [english] = to(en.email!);
    expect(to(en.email!)).toHaveLength(1);
    expect(english.text).toContain(`You confirmed ${en.email} for Fahrradwege on`);
    expect(english.text).toContain("Read on the web");
  });

  it("a 550 pauses the address with the reason and a ledger entry; nothing more is sent to it", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, email: `bounce-${Date.now()}@example.org` });
    await publish(cause.id, new Date("2031-02-10T10:00:00Z"));
    const stats = await runPass({ mailer, now: new Date("2031-02-10T10:01:00Z") });
    expect(stats.bounced).toBeGreaterThanOrEqual(1);

    const after = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(after.bouncedAt).not.toBeNull();
    expect(after.bounceReason).toMatch(/^550 /);
    const event = await db.consentEvent.findFirstOrThrow({ where: { subscriptionId: sub.id, action: "delivery" } });
    expect(event.detail).toMatch(/^paused: address rejected \(550 /);
    expect(event.source).toBe("worker");
    expect((await db.delivery.findFirstOrThrow({ where: { subscriptionId: sub.id } })).status).toBe("failed");

    await publish(cause.id, new Date("2031-02-10T11:00:00Z"));
    await runPass({ mailer, now: new Date("2031-02-10T11:01:00Z") });
    expect(await db.delivery.count({ where: { subscriptionId: sub.id } })).toBe(1);
  });

  it("a 451 is retried with backoff and counted", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, email: `grey-${Date.now()}@example.org` });
    await publish(cause.id, new Date("2031-03-10T10:00:00Z"));
    const now = new Date("2031-03-10T10:01:00Z");
    const stats = await runPass({ mailer, now });
    expect(stats.retried).toBeGreaterThanOrEqual(1);
    const row = await db.delivery.findFirstOrThrow({ where: { subscriptionId: sub.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/^451 /);
    expect(row.dueAt.getTime() - now.getTime()).toBeGreaterThanOrEqual(60_000);
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).bouncedAt).toBeNull();
  });

  it("with the server down, keeps state, stops the pass and catches up when it is back", async () => {
    const down = await startSmtpServer();
    const { port } = down;
    await down.close();
    const downMailer = createSmtpMailer(down.url);
    const cause = await deliveryCause();
    const subs = await Promise.all([1, 2, 3].map(() => followByEmail({ topicId: cause.id })));
    await publish(cause.id, new Date("2031-04-10T10:00:00Z"));
    const now = new Date("2031-04-10T10:01:00Z");

    const first = await runPass({ mailer: downMailer, now, concurrency: 1 });
    expect(first.unreachable).toBe(true);
    expect(first.sent).toBe(0);
    const rows = await db.delivery.findMany({ where: { subscriptionId: { in: subs.map((s) => s.id) } } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === "pending" && r.leasedBy === null)).toBe(true);
    // Only the one mail that was tried counts an attempt (it may be an older due row of another
    // test); the rest were handed back untouched.
    expect(first.retried).toBe(1);
    expect(rows.every((r) => r.attempts <= 1)).toBe(true);
    for (const r of rows.filter((r) => r.attempts === 1)) expect(r.lastError).toMatch(/ECONNREFUSED/);

    const back = await startSmtpServer({ port });
    try {
      const later = await runPass({ mailer: downMailer, now: new Date(now.getTime() + 2 * 60_000) });
      expect(later.sent).toBeGreaterThanOrEqual(3);
      for (const s of subs) expect(back.received.filter((m) => m.to.includes(s.email!))).toHaveLength(1);
    } finally {
      downMailer.close();
      await back.close();
    }
  });
});
