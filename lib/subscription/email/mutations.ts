import "server-only";
import { randomBytes } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/session";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { AppLocale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/send";
import { confirmEmailFollowMail, type MailTarget } from "@/lib/mail/account";
import { consumeRate } from "@/lib/rate-limit/limiter";
import { mailboxKey } from "@/lib/rate-limit/rules";
import { findActiveRef, recordRefFollow } from "@/lib/share/mutations";
import { absoluteUrl } from "@/lib/url";
import { findFollowableCause, findFollowableGroup } from "../mutations";
import { EMAIL_CONSENT_TEXT_VERSION, signConfirmToken, verifyConfirmToken } from "../rules";

type Target = { topicId: string } | { groupId: string };

/** The ledger detail of a confirmation that needed no mail: the account's address is already proven. */
export const VERIFIED_SIGN_IN_DETAIL = "verified sign-in address";
export const CONFIRMED_BY_LINK_DETAIL = "address confirmed by its owner";
const REQUEST_DETAIL = "confirmation mail sent";

const newNonce = () => randomBytes(18).toString("base64url");

/** A published cause or an active group that can be followed, with its name for the mail. */
async function followableTarget(input: { topicId?: string; groupId?: string }): Promise<{ target: Target; mail: MailTarget }> {
  if (input.topicId) {
    const topic = await findFollowableCause(input.topicId);
    return { target: { topicId: topic.id }, mail: { title: topic.title, kind: "cause" } };
  }
  const group = await findFollowableGroup(input.groupId ?? "");
  return { target: { groupId: group.id }, mail: { title: group.name, kind: "group" } };
}

/** One confirmation mail per address and target in ten minutes, five a day per address (lib/rate-limit). */
function consumeConfirmationMail(address: string, target: Target, client: string | null | undefined) {
  const targetKey = "topicId" in target ? `topic:${target.topicId}` : `group:${target.groupId}`;
  return consumeRate("confirmationMail", { target: `${mailboxKey(address)}|${targetKey}`, address, client });
}

async function sendConfirmation(subscriptionId: string, nonce: string, to: string, target: MailTarget, locale: AppLocale, now: Date) {
  const url = absoluteUrl(`/email/confirm/${signConfirmToken(subscriptionId, nonce, env.AUTH_SECRET, now)}`);
  await sendMail({ to, ...confirmEmailFollowMail(url, target, locale) });
}

export type RequestEmailFollowInput = {
  email: string;
  topicId?: string;
  groupId?: string;
  source: string;
  ref?: string;
  timeZone: string | null;
  locale: AppLocale;
  /** The client's network for the per-client limit (lib/client.ts); never stored. */
  client?: string | null;
};

/**
 * Someone entered an address to follow a cause or group by email (double opt-in starts). Sends ONE
 * confirmation mail unless the address already follows, or asked for this within ten minutes, or
 * got five such mails today. The caller answers the same neutral message in every case, so the
 * form never reveals whether an address follows. Returns whether a mail went out (for tests).
 */
export async function requestEmailFollow(input: RequestEmailFollowInput, now = new Date()): Promise<{ sent: boolean }> {
  const { target, mail } = await followableTarget(input);
  const address = input.email.toLowerCase();
  const key = "topicId" in target ? { email_topicId: { email: address, topicId: target.topicId } } : { email_groupId: { email: address, groupId: target.groupId } };
  const existing = await db.subscription.findUnique({ where: key });
  if (existing?.status === "active") return { sent: false };
  // Counted atomically before anything is written: of seven requests at once, five may pass.
  const rate = await consumeConfirmationMail(address, target, input.client);
  if (!rate.ok) return { sent: false };

  const ref = "topicId" in target ? (await findActiveRef(db, target.topicId, input.ref))?.code ?? null : null;
  const nonce = newNonce();
  const fields = {
    channel: "email" as const,
    status: "pending" as const,
    emailSince: null,
    confirmNonce: nonce,
    confirmSentAt: now,
    mailLocale: input.locale,
    timeZone: input.timeZone ?? env.DEFAULT_TIME_ZONE,
  };
  let subscriptionId: string;
  try {
    subscriptionId = await db.$transaction(async (tx) => {
      // Conditional on the state we read, so two requests at once send one mail.
      const subscription = existing
        ? (await tx.subscription.updateMany({ where: { id: existing.id, status: existing.status, confirmSentAt: existing.confirmSentAt }, data: fields })).count
          ? existing
          : null
        : await tx.subscription.create({ data: { email: address, ...target, ...fields } });
      if (!subscription) return "";
      await tx.consentEvent.create({
        data: { subscriptionId: subscription.id, ...target, action: "request", detail: REQUEST_DETAIL, source: input.source, ref, consentVersion: EMAIL_CONSENT_TEXT_VERSION },
      });
      return subscription.id;
    });
  } catch (error) {
    await rate.release();
    if (!isUniqueViolation(error)) throw error;
    return { sent: false }; // the same request raced us and sends the mail
  }
  if (!subscriptionId) {
    await rate.release();
    return { sent: false };
  }
  try {
    await sendConfirmation(subscriptionId, nonce, address, mail, input.locale, now);
  } catch (error) {
    await rate.release(); // not sent after all: a retry must not be held back by the limits
    throw error;
  }
  return { sent: true };
}

/** Starts email delivery after a proven address: status active, `emailSince`, and the confirm event. */
async function activateEmail(
  tx: Tx,
  subscription: { id: string; status: string; topicId: string | null; groupId: string | null },
  event: { source: string; ref: string | null; detail: string; verifiedSignIn?: boolean },
  now: Date,
) {
  const restart = subscription.status !== "active";
  await tx.subscription.update({
    where: { id: subscription.id },
    data: {
      channel: "email",
      status: "active",
      emailSince: now,
      confirmNonce: null,
      bouncedAt: null,
      bounceReason: null,
      ...(restart ? { since: now, leftAt: null } : {}),
    },
  });
  await tx.consentEvent.create({
    data: {
      subscriptionId: subscription.id,
      topicId: subscription.topicId,
      groupId: subscription.groupId,
      action: "confirm",
      detail: event.detail,
      verifiedSignIn: event.verifiedSignIn ?? false,
      source: event.source,
      ref: event.ref,
      consentVersion: EMAIL_CONSENT_TEXT_VERSION,
    },
  });
}

export type ConfirmResult =
  | { status: "confirmed"; subscriptionId: string }
  | { status: "invalid" }
  | { status: "expired"; subscriptionId: string }
  | { status: "used"; subscriptionId: string };

/**
 * The address owner pressed Confirm (a POST: scanners only GET). Refuses forged and expired links,
 * and a nonce that was already used or replaced by a newer mail. Changes nothing when refused.
 */
export async function confirmEmailFollow(token: string, now = new Date()): Promise<ConfirmResult> {
  const check = verifyConfirmToken(token, env.AUTH_SECRET, now);
  if (!check.ok) return check.reason === "expired" ? { status: "expired", subscriptionId: check.subscriptionId } : { status: "invalid" };
  const { subscriptionId, nonce } = check.value;
  return db.$transaction(async (tx) => {
    const subscription = await tx.subscription.findUnique({ where: { id: subscriptionId } });
    if (!subscription) return { status: "invalid" as const };
    // Conditional: of two clicks at once only one finds the nonce, the other is a replay.
    const { count } = await tx.subscription.updateMany({ where: { id: subscriptionId, confirmNonce: nonce }, data: { confirmNonce: null } });
    if (count === 0) return { status: "used" as const, subscriptionId };
    const request = await tx.consentEvent.findFirst({ where: { subscriptionId, action: "request" }, orderBy: { createdAt: "desc" } });
    const firstFollow = !(await tx.consentEvent.count({ where: { subscriptionId, action: { in: ["confirm", "subscribe"] } } }));
    await activateEmail(tx, subscription, { source: request?.source ?? "/", ref: request?.ref ?? null, detail: CONFIRMED_BY_LINK_DETAIL }, now);
    // Only a first follow is credited to the share link it came through (aggregate counts).
    if (firstFollow && subscription.topicId && request?.ref) {
      const ref = await findActiveRef(tx, subscription.topicId, request.ref);
      if (ref) await recordRefFollow(tx, ref.id, now);
    }
    return { status: "confirmed" as const, subscriptionId };
  });
}

export type SetEmailChannelResult = { outcome: "web" | "email" | "confirmationSent" | "unchanged" };

/**
 * Signed-in: "Also by email" for one of the reader's own subscriptions, or back to the feed only.
 * A verified sign-in address counts as confirmed; otherwise one confirmation mail goes out first.
 */
export async function setEmailChannel(
  actor: Pick<CurrentUser, "id">,
  input: { subscriptionId: string; channel: "web" | "email"; source: string; timeZone?: string | null; client?: string | null },
  locale: AppLocale,
  now = new Date(),
): Promise<SetEmailChannelResult> {
  const subscription = await db.subscription.findFirst({
    where: { id: input.subscriptionId, userId: actor.id, status: "active" },
    include: { user: { select: { email: true, emailVerified: true } }, topic: { select: { title: true } }, group: { select: { name: true } } },
  });
  if (!subscription) throw new DomainError("notFound");
  const target = { topicId: subscription.topicId, groupId: subscription.groupId };

  if (input.channel === "web") {
    if (subscription.channel === "web") return { outcome: "unchanged" };
    await db.$transaction([
      db.subscription.update({ where: { id: subscription.id }, data: { channel: "web", emailSince: null, confirmNonce: null } }),
      db.consentEvent.create({
        data: { subscriptionId: subscription.id, ...target, action: "preferences", detail: "channel=web", source: input.source, consentVersion: EMAIL_CONSENT_TEXT_VERSION },
      }),
    ]);
    return { outcome: "web" };
  }

  if (subscription.channel === "email" && subscription.emailSince) return { outcome: "unchanged" };
  // Mails start on the clock of the device the reader is using now (they can change it in the
  // settings); a zone the reader chose before is kept when mails are switched on again.
  const clock = input.timeZone && subscription.timeZone === env.DEFAULT_TIME_ZONE ? { timeZone: input.timeZone } : {};
  const address = subscription.user?.email?.toLowerCase();
  if (!address) throw new DomainError("noAddress");
  if (subscription.user?.emailVerified) {
    const activated = await db.$transaction(async (tx) => {
      // Mails start in the language the reader is using now, like the clock above.
      // Conditional, so of two clicks at once only one confirms and writes the ledger entry.
      const { count } = await tx.subscription.updateMany({ where: { id: subscription.id, emailSince: null }, data: { mailLocale: locale, ...clock } });
      if (count === 0) return false;
      await activateEmail(tx, subscription, { source: input.source, ref: null, detail: VERIFIED_SIGN_IN_DETAIL, verifiedSignIn: true }, now);
      return true;
    });
    return { outcome: activated ? "email" : "unchanged" };
  }
  // An unverified address (e.g. from an OAuth provider) is confirmed like anybody else's.
  const rate = await consumeConfirmationMail(address, subscription.topicId ? { topicId: subscription.topicId } : { groupId: subscription.groupId! }, input.client);
  if (!rate.ok) return { outcome: "confirmationSent" };
  const nonce = newNonce();
  const requested = await db.$transaction(async (tx) => {
    // Conditional on the state we read, so two clicks at once send one mail.
    const { count } = await tx.subscription.updateMany({
      where: { id: subscription.id, confirmSentAt: subscription.confirmSentAt },
      data: { channel: "email", emailSince: null, confirmNonce: nonce, confirmSentAt: now, mailLocale: locale, ...clock },
    });
    if (count === 0) return false;
    await tx.consentEvent.create({
      data: { subscriptionId: subscription.id, ...target, action: "request", detail: REQUEST_DETAIL, source: input.source, consentVersion: EMAIL_CONSENT_TEXT_VERSION },
    });
    return true;
  });
  if (!requested) {
    await rate.release();
    return { outcome: "confirmationSent" };
  }
  const mail: MailTarget = subscription.topic ? { title: subscription.topic.title, kind: "cause" } : { title: subscription.group!.name, kind: "group" };
  try {
    await sendConfirmation(subscription.id, nonce, address, mail, locale, now);
  } catch (error) {
    await rate.release();
    throw error;
  }
  return { outcome: "confirmationSent" };
}
