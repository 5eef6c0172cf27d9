import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send";
import { preferencesLinkMail } from "@/lib/mail/account";
import { consumeRate, withRate } from "@/lib/rate-limit/limiter";
import { absoluteUrl } from "@/lib/url";
import {
  describePreferenceChanges,
  joinKinds,
  leaveReasonMonth,
  localDay,
  parseClockTime,
  pauseProblem,
  startOfLocalDay,
  type EmailPreferences,
  type LeaveReason,
} from "./rules";
import type { EmailPreferencesInput } from "./schema";
import { EMAIL_CONSENT_TEXT_VERSION, signPreferencesToken, verifyLeaveToken } from "../rules";

/** Whose subscription a preferences write is for: a verified link, or the signed-in owner. */
export type PreferencesOwner = { subscriptionId: string } | { subscriptionId: string; userId: string };

async function findOwned(owner: PreferencesOwner) {
  const subscription = await db.subscription.findFirst({
    where: { id: owner.subscriptionId, ...("userId" in owner ? { userId: owner.userId } : {}) },
  });
  if (!subscription) throw new DomainError("notFound");
  return subscription;
}

const preferenceEvent = (subscription: { id: string; topicId: string | null; groupId: string | null }, detail: string, source: string) => ({
  subscriptionId: subscription.id,
  topicId: subscription.topicId,
  groupId: subscription.groupId,
  action: "preferences" as const,
  detail,
  source,
  consentVersion: EMAIL_CONSENT_TEXT_VERSION,
});

/**
 * Saves the reader's delivery preferences. Every save that changes something writes ONE
 * preferences event listing what changed; a save without changes writes nothing. A bad pause date
 * is refused with a field error and changes nothing.
 */
export async function updateEmailPreferences(owner: PreferencesOwner, input: EmailPreferencesInput, source: string, now = new Date()) {
  const subscription = await findOwned(owner);
  if (subscription.status === "left") throw new DomainError("subscriptionLeft");
  const before: EmailPreferences = subscription;
  const quietStart = input.quietStart ? parseClockTime(input.quietStart) : null;
  const quietEnd = input.quietEnd ? parseClockTime(input.quietEnd) : null;

  // An empty field ends a running pause now and keeps a finished one as it was: the moment a pause
  // ended is what keeps updates published during it from being mailed afterwards.
  let pausedUntil: Date | null = before.pausedUntil && before.pausedUntil > now ? now : before.pausedUntil;
  if (input.pausedUntil) {
    // The same day as before keeps the stored moment (no change, and no error for an old value).
    const sameDay = before.pausedUntil && localDay(before.pausedUntil, input.timeZone) === input.pausedUntil;
    pausedUntil = sameDay ? before.pausedUntil : startOfLocalDay(input.pausedUntil, input.timeZone);
    if (!pausedUntil) throw new DomainError("dateInvalid", "pausedUntil");
    const problem = sameDay ? null : pauseProblem(pausedUntil, now);
    if (problem) throw new DomainError(problem, "pausedUntil");
  }

  const after: EmailPreferences = {
    kinds: joinKinds([input.kindNews && "news", input.kindEvent && "event", input.kindCall && "call"].filter((k): k is string => Boolean(k))),
    // Partner news exists for causes only; a group subscription keeps what it had.
    partnerNews: subscription.topicId ? input.partnerNews === "on" : subscription.partnerNews,
    cadence: input.cadence,
    weekday: input.weekday,
    timeZone: input.timeZone,
    quietStart,
    quietEnd,
    pausedUntil,
    mailLocale: input.mailLocale,
  };
  const detail = describePreferenceChanges(before, after, now);
  if (!detail) return { changed: false };
  const cadenceChanged = before.cadence !== after.cadence;
  const scheduleChanged = cadenceChanged || before.weekday !== after.weekday || before.timeZone !== after.timeZone;
  await db.$transaction([
    db.subscription.update({
      where: { id: subscription.id },
      data: { ...after, ...(cadenceChanged ? { cadenceSince: now } : {}), ...(scheduleChanged ? { scheduleChangedAt: now } : {}) },
    }),
    db.consentEvent.create({ data: preferenceEvent(subscription, detail, source) }),
  ]);
  return { changed: true, detail };
}

/** After a bounce the reader says the address works again: delivery resumes, and the ledger says so. */
export async function resumeEmailDelivery(owner: PreferencesOwner, source: string) {
  const subscription = await findOwned(owner);
  if (!subscription.bouncedAt) return { changed: false };
  await db.$transaction([
    db.subscription.update({ where: { id: subscription.id }, data: { bouncedAt: null, bounceReason: null } }),
    db.consentEvent.create({ data: preferenceEvent(subscription, "delivery=resumed", source) }),
  ]);
  return { changed: true };
}

/**
 * An expired preferences link asks for a fresh one: it goes by mail to the subscription's own
 * address, at most once in six hours per subscription (a forwarded old mail must not become a way
 * to flood the reader; lib/rate-limit).
 */
export async function sendFreshPreferencesLink(subscriptionId: string, now = new Date(), client?: string | null): Promise<{ sent: boolean }> {
  const subscription = await db.subscription.findUnique({
    where: { id: subscriptionId },
    include: { user: { select: { email: true } }, topic: { select: { title: true } }, group: { select: { name: true } } },
  });
  const address = subscription?.email ?? subscription?.user?.email;
  if (!subscription || !address || subscription.status !== "active") return { sent: false };
  const rate = await consumeRate("freshLinkMail", { target: subscription.id, client });
  if (!rate.ok) return { sent: false };
  const url = absoluteUrl(`/email/preferences/${signPreferencesToken(subscription.id, env.AUTH_SECRET, now)}`);
  const target = subscription.topic ? { title: subscription.topic.title, kind: "cause" as const } : { title: subscription.group!.name, kind: "group" as const };
  try {
    await sendMail({ to: address, ...preferencesLinkMail(url, target, subscription.mailLocale) });
  } catch (error) {
    await rate.release();
    throw error;
  }
  return { sent: true };
}

/**
 * The optional "why did you leave": proven by the leave token, accepted once per left
 * subscription, and stored only as a count per cause or group and month — never with the reader.
 */
export async function recordLeaveReason(token: string, reason: LeaveReason, now = new Date(), client?: string | null): Promise<{ recorded: boolean }> {
  const subscriptionId = verifyLeaveToken(token, env.AUTH_SECRET);
  if (!subscriptionId) throw new DomainError("invalidLink");
  return withRate("leaveReason", { client }, () => countLeaveReason(subscriptionId, reason, now));
}

async function countLeaveReason(subscriptionId: string, reason: LeaveReason, now: Date): Promise<{ recorded: boolean }> {
  const subscription = await db.subscription.findUnique({ where: { id: subscriptionId }, select: { topicId: true, groupId: true } });
  if (!subscription) throw new DomainError("invalidLink");
  const scope = subscription.topicId ? `topic:${subscription.topicId}` : `group:${subscription.groupId}`;
  const key = { scope_reason_month: { scope, reason, month: leaveReasonMonth(now) } };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const { count } = await tx.subscription.updateMany({
          where: { id: subscriptionId, status: "left", leaveReasonAt: null },
          data: { leaveReasonAt: now },
        });
        if (count === 0) return { recorded: false };
        await tx.leaveReasonCount.upsert({ where: key, create: { ...key.scope_reason_month, count: 1 }, update: { count: { increment: 1 } } });
        return { recorded: true };
      });
    } catch (error) {
      // Two first answers of the month raced to create the count row; it exists now, so try again.
      if (!isUniqueViolation(error) || attempt > 0) throw error;
    }
  }
  return { recorded: false };
}
