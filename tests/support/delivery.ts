import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { createSmtpMailer, type Mailer } from "@/lib/mail/send";
import { EMAIL_CONSENT_TEXT_VERSION } from "@/lib/subscription/rules";
import { createPublishedCause, createUser, stamp } from "./factories";
import { parseMail } from "./mime";
import { startSmtpServer } from "./smtp";

type FollowOptions = {
  email?: string;
  topicId?: string;
  groupId?: string;
  slug?: string;
  status?: "pending" | "active" | "left";
  emailSince?: Date | null;
  cadence?: "instant" | "daily" | "weekly";
  kinds?: string;
  weekday?: number;
  timeZone?: string;
  quietStart?: number | null;
  quietEnd?: number | null;
  pausedUntil?: Date | null;
  mailLocale?: "de" | "en";
  partnerNews?: boolean;
};

/** A cause with an owner, for delivery tests. */
export async function deliveryCause(title?: string) {
  const owner = await createUser("owner");
  return createPublishedCause(owner.id, { title });
}

/**
 * An email-only follower who confirmed their address at `emailSince` (with the confirm event the
 * subscribe flow writes). Quiet hours default to none so tests opt in to them.
 */
export async function followByEmail(options: FollowOptions) {
  const emailSince = options.emailSince === undefined ? new Date("2020-01-01T00:00:00Z") : options.emailSince;
  const email = options.email ?? `reader-${stamp()}@example.org`;
  const sub = await db.subscription.create({
    data: {
      email,
      topicId: options.topicId,
      groupId: options.groupId,
      channel: "email",
      status: options.status ?? "active",
      emailSince,
      cadence: options.cadence ?? "instant",
      kinds: options.kinds ?? "news,event,call",
      weekday: options.weekday ?? 1,
      timeZone: options.timeZone ?? "Europe/Berlin",
      quietStart: options.quietStart ?? null,
      quietEnd: options.quietEnd ?? null,
      pausedUntil: options.pausedUntil ?? null,
      mailLocale: options.mailLocale ?? "de",
      partnerNews: options.partnerNews ?? false,
    },
  });
  if (emailSince) {
    await db.consentEvent.create({
      data: {
        subscriptionId: sub.id,
        topicId: options.topicId,
        groupId: options.groupId,
        action: "confirm",
        source: options.slug ? `/c/${options.slug}` : "/",
        consentVersion: EMAIL_CONSENT_TEXT_VERSION,
        createdAt: emailSince,
      },
    });
  }
  return sub;
}

export function publish(topicId: string, publishedAt: Date, overrides: { kind?: "news" | "event" | "call"; title?: string } = {}) {
  return db.update.create({
    data: { topicId, publishedAt, kind: overrides.kind ?? "news", title: overrides.title ?? `Update ${stamp()}`, body: "Body text." },
  });
}

/**
 * For one test file: a real SMTP server, a pooled mailer to it (started before the tests, closed
 * after), and `inbox(address)`, the parsed mails that really arrived for that address.
 */
export function withMailSink() {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let pooled: Mailer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    pooled = createSmtpMailer(smtp.url);
  });
  afterAll(async () => {
    pooled.close();
    await smtp.close();
  });
  const mailer: Mailer = { send: (mail) => pooled.send(mail), close: () => {} };
  const inbox = (address: string) => smtp.received.filter((m) => m.to.includes(address)).map((m) => parseMail(m.raw));
  return { mailer, inbox };
}
