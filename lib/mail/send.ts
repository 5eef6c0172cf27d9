import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export type Mail = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

let transporter: Transporter | undefined;

function smtp(): Transporter {
  transporter ??= nodemailer.createTransport(env.SMTP_URL!);
  return transporter;
}

/** Sends over SMTP in production; in development (MAIL_TRANSPORT=outbox) stores it for /dev/outbox. */
export async function sendMail(mail: Mail): Promise<void> {
  if (env.MAIL_TRANSPORT === "outbox") {
    await db.outboxMail.create({ data: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html } });
    return;
  }
  await smtp().sendMail({ from: env.MAIL_FROM, ...mail });
}

export const outboxEnabled = env.MAIL_TRANSPORT === "outbox";
