import { DateTime } from "luxon";

// Pure timing rules for email delivery: digest periods, quiet hours, retries, SMTP error classes.
// Everything is computed in the reader's own time zone, so "daily" means their day, not the server's.

import type { Cadence } from "@/lib/subscription/email/rules";

export type { Cadence, UpdateKind } from "@/lib/subscription/email/rules";
export type DigestCadence = Exclude<Cadence, "instant">;

export type DigestPeriod = {
  /** "d:YYYY-MM-DD" / "w:YYYY-MM-DD", named by the local date the period ends on (the delivery day). */
  key: string;
  periodStart: Date;
  periodEnd: Date;
};

export type QuietHours = { quietStart: number | null; quietEnd: number | null };

const KEY_PREFIX: Record<DigestCadence, string> = { daily: "d", weekly: "w" };

function periodFromEnd(cadence: DigestCadence, end: DateTime): DigestPeriod {
  const start = cadence === "daily" ? end.minus({ days: 1 }) : end.minus({ weeks: 1 });
  return { key: `${KEY_PREFIX[cadence]}:${end.toISODate()}`, periodStart: start.toJSDate(), periodEnd: end.toJSDate() };
}

/** The local midnight that starts the most recent `weekday` (ISO 1..7) at or before `local`. */
function startOfWeekday(local: DateTime, weekday: number): DateTime {
  const day = local.startOf("day");
  return day.minus({ days: (day.weekday - weekday + 7) % 7 }).startOf("day");
}

/**
 * The digest period that contains `moment`. Daily: the local calendar day. Weekly: the 7 local days
 * that end at local midnight starting the chosen weekday (so a Monday digest covers Mon..Sun before).
 * Local days may be 23 or 25 hours long around DST; the period follows the wall clock.
 */
export function digestPeriodContaining(moment: Date, cadence: DigestCadence, timeZone: string, weekday = 1): DigestPeriod {
  const local = DateTime.fromJSDate(moment, { zone: timeZone });
  const end =
    cadence === "daily"
      ? local.startOf("day").plus({ days: 1 }).startOf("day")
      : startOfWeekday(local, weekday).plus({ weeks: 1 }).startOf("day");
  return periodFromEnd(cadence, end);
}

/** The most recent period that is complete at `now` (it ended at or before `now`). */
export function lastCompletedPeriod(now: Date, cadence: DigestCadence, timeZone: string, weekday = 1): DigestPeriod {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const end = cadence === "daily" ? local.startOf("day") : startOfWeekday(local, weekday);
  return periodFromEnd(cadence, end);
}

function minutesOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute;
}

function hasQuietHours({ quietStart, quietEnd }: QuietHours): boolean {
  return quietStart !== null && quietEnd !== null && quietStart !== quietEnd;
}

/** Whether `moment` falls in the reader's quiet hours (a range may wrap midnight: 22:00–07:00). */
export function inQuietHours(moment: Date, timeZone: string, quiet: QuietHours): boolean {
  if (!hasQuietHours(quiet)) return false;
  const start = quiet.quietStart!;
  const end = quiet.quietEnd!;
  const m = minutesOfDay(DateTime.fromJSDate(moment, { zone: timeZone }));
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/**
 * The first moment at or after `moment` outside quiet hours. The end time is taken on the local
 * wall clock; if it does not exist that day (DST spring-forward gap) luxon moves it forward.
 */
export function nextOutsideQuietHours(moment: Date, timeZone: string, quiet: QuietHours): Date {
  if (!inQuietHours(moment, timeZone, quiet)) return moment;
  const start = quiet.quietStart!;
  const end = quiet.quietEnd!;
  const local = DateTime.fromJSDate(moment, { zone: timeZone });
  // In a wrapping range the evening part ends tomorrow morning; otherwise the end is today.
  const day = start > end && minutesOfDay(local) >= start ? local.startOf("day").plus({ days: 1 }) : local.startOf("day");
  const at = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(end / 60), minute: end % 60 },
    { zone: timeZone },
  );
  return at.toJSDate() > moment ? at.toJSDate() : moment;
}

/** A digest is due when its period has ended, moved past the reader's quiet hours. */
export function digestDueAt(period: DigestPeriod, timeZone: string, quiet: QuietHours): Date {
  return nextOutsideQuietHours(period.periodEnd, timeZone, quiet);
}

/** A single-update mail is due when it is published, moved past quiet hours. */
export function instantDueAt(publishedAt: Date, timeZone: string, quiet: QuietHours): Date {
  return nextOutsideQuietHours(publishedAt, timeZone, quiet);
}

/** The key of a single-update delivery. */
export function updateKey(updateId: string): string {
  return `u:${updateId}`;
}

/** Which cadence a delivery key belongs to (a reader may have changed cadence since planning). */
export function cadenceOfKey(key: string): Cadence {
  return key.startsWith("d:") ? "daily" : key.startsWith("w:") ? "weekly" : "instant";
}


// Retries after a transient failure: quick at first (a greylisting server usually accepts after a
// few minutes), then slower. After MAX_ATTEMPTS the delivery is given up as failed.
const RETRY_DELAYS_MS = [1, 5, 30, 120, 360, 720, 1440].map((minutes) => minutes * 60_000);
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When to try again after `attempts` failed tries, or null to give up. */
export function nextRetryAt(now: Date, attempts: number): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const delay = RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1];
  return new Date(now.getTime() + delay);
}

export type SmtpFailure = {
  /** The address is rejected for good (5xx on MAIL/RCPT/DATA): stop mailing it. */
  permanent: boolean;
  /** The server could not be reached at all: stop this pass, the rest would fail the same way. */
  unreachable: boolean;
  reason: string;
};

const CONNECTION_CODES = new Set(["ECONNECTION", "ESOCKET", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "EDNS", "ETLS", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "EAUTH", "EPROTOCOL"]);

/** Classifies an error thrown by nodemailer (responseCode / code / errno) for retry decisions. */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (error ?? {}) as { responseCode?: number; code?: string; errno?: string | number; response?: string; message?: string };
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const reason = (e.response ?? e.message ?? String(error)).replace(/\s+/g, " ").trim().slice(0, 200);
  const code = String(e.code ?? "");
  const unreachable = CONNECTION_CODES.has(code) || CONNECTION_CODES.has(String(e.errno ?? ""));
  // A 5xx answer means the server read our command and refused it for good; a 5xx during the
  // greeting or authentication (a misconfigured relay) is our problem, not the reader's address.
  const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600 && !unreachable && code !== "EAUTH";
  return { permanent, unreachable: !permanent && unreachable, reason };
}
