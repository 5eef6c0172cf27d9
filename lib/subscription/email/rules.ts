import { DateTime } from "luxon";
import { UPDATE_KINDS, type Cadence, type UpdateKind } from "@/lib/db-enums";
import { currentZoneName } from "../time-zones";

/** Pure rules for email delivery: request limits, preference values and how a change is recorded. */

export { CADENCES, UPDATE_KINDS, type Cadence, type UpdateKind } from "@/lib/db-enums";
export const MAIL_LOCALES = ["de", "en"] as const;
export const LEAVE_REASONS = ["tooMany", "notRelevant", "neverAsked", "other"] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];
/** A pause may reach about a year ahead; longer than that, leaving is the honest choice. */
export const MAX_PAUSE_DAYS = 366;

/** The canonical IANA name of a time zone (e.g. "europe/berlin" → "Europe/Berlin"), or null. */
export function canonicalTimeZone(value: string): string | null {
  const trimmed = value.trim();
  // Names only: offsets like "+01:00" parse in newer engines but are no IANA zone.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(trimmed)) return null;
  try {
    return currentZoneName(new Intl.DateTimeFormat("en", { timeZone: trimmed }).resolvedOptions().timeZone);
  } catch {
    return null;
  }
}

type TimeZoneChoice = { zone: string; label: string };
const choiceMemo = new Map<string, TimeZoneChoice[]>();

/**
 * Every time zone with what a reader recognises in their language, for the searchable list:
 * "Europe/Berlin" → "Mitteleuropäische Zeit (GMT+01:00)" in German in winter. Kept per language
 * and hour (offsets change with daylight saving time).
 */
export function timeZoneChoices(locale: string, now = new Date()): TimeZoneChoice[] {
  const key = `${locale} ${now.toISOString().slice(0, 13)}`;
  let choices = choiceMemo.get(key);
  if (!choices) {
    const name = (zone: string, timeZoneName: "longGeneric" | "longOffset") =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName }).formatToParts(now).find((part) => part.type === "timeZoneName")?.value ?? "";
    const zones = [...new Set(Intl.supportedValuesOf("timeZone").map(currentZoneName))].sort();
    choices = zones.map((zone) => ({ zone, label: `${name(zone, "longGeneric")} (${name(zone, "longOffset")})` }));
    if (choiceMemo.size >= 4) choiceMemo.delete(choiceMemo.keys().next().value!);
    choiceMemo.set(key, choices);
  }
  return choices;
}

/** "22:30" → 1350 minutes after midnight; null for anything else. */
export function parseClockTime(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** 1350 → "22:30". */
export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The start of a local calendar day ("2026-12-24") in a time zone, as an instant; null if no such day. */
export function startOfLocalDay(date: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = DateTime.fromISO(date, { zone: timeZone });
  return day.isValid ? day.startOf("day").toJSDate() : null;
}

/** The local calendar day of an instant in a time zone ("2026-12-24"), for a date input. */
export function localDay(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? "";
}

/** A pause must end in the future and at most about a year from now. */
export function pauseProblem(until: Date, now = new Date()): "pauseInPast" | "pauseTooLong" | null {
  if (until.getTime() <= now.getTime()) return "pauseInPast";
  if (until.getTime() - now.getTime() > MAX_PAUSE_DAYS * 24 * 60 * 60 * 1000) return "pauseTooLong";
  return null;
}

/** A subscription's delivery choices as they appear in a data download (one shape for every export). */
export function preferencesForExport(s: EmailPreferences) {
  return {
    kinds: s.kinds.split(",").filter(Boolean),
    partnerNews: s.partnerNews,
    cadence: s.cadence,
    weekday: s.weekday,
    timeZone: s.timeZone,
    quietStart: s.quietStart,
    quietEnd: s.quietEnd,
    pausedUntil: s.pausedUntil?.toISOString() ?? null,
    mailLocale: s.mailLocale,
  };
}

/** The preference values as stored on a subscription. */
export type EmailPreferences = {
  kinds: string;
  partnerNews: boolean;
  cadence: Cadence;
  weekday: number;
  timeZone: string;
  quietStart: number | null;
  quietEnd: number | null;
  pausedUntil: Date | null;
  mailLocale: (typeof MAIL_LOCALES)[number];
};

const quiet = (p: Pick<EmailPreferences, "quietStart" | "quietEnd">) =>
  p.quietStart === null || p.quietEnd === null ? "none" : `${formatClockTime(p.quietStart)}-${formatClockTime(p.quietEnd)}`;

/**
 * What changed between two sets of preferences, as the ledger records it
 * ("cadence=daily; timeZone=Europe/Berlin"); an empty string when nothing changed.
 */
export function describePreferenceChanges(before: EmailPreferences, after: EmailPreferences, now = new Date()): string {
  const parts: string[] = [];
  if (before.kinds !== after.kinds) parts.push(`kinds=${after.kinds}`);
  if (before.partnerNews !== after.partnerNews) parts.push(`partnerNews=${after.partnerNews ? "on" : "off"}`);
  if (before.cadence !== after.cadence) parts.push(`cadence=${after.cadence}`);
  if (before.weekday !== after.weekday) parts.push(`weekday=${after.weekday}`);
  if (before.timeZone !== after.timeZone) parts.push(`timeZone=${after.timeZone}`);
  if (quiet(before) !== quiet(after)) parts.push(`quietHours=${quiet(after)}`);
  if ((before.pausedUntil?.getTime() ?? null) !== (after.pausedUntil?.getTime() ?? null)) {
    // A pause that ends now (or ended) reads as none: its end is only kept to hold back what came meanwhile.
    parts.push(`pausedUntil=${after.pausedUntil && after.pausedUntil > now ? after.pausedUntil.toISOString() : "none"}`);
  }
  if (before.mailLocale !== after.mailLocale) parts.push(`mailLocale=${after.mailLocale}`);
  return parts.join("; ");
}

/** The stored kinds ("news,event,call" subset) as a set; unknown words are ignored. */
export function parseKinds(kinds: string): Set<UpdateKind> {
  const known = new Set<string>(UPDATE_KINDS);
  return new Set(kinds.split(",").map((k) => k.trim()).filter((k): k is UpdateKind => known.has(k)));
}

/** Kinds in a fixed order, comma-separated, as stored ("news,call"). */
export function joinKinds(kinds: Iterable<string>): string {
  const set = new Set(kinds);
  return UPDATE_KINDS.filter((k) => set.has(k)).join(",");
}

/** The month a leave reason is counted in ("2026-11", UTC). */
export function leaveReasonMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** One piece of a ledger entry's detail, for showing it as a sentence in the page's language. */
export type LedgerDetail =
  | { kind: "fixed"; key: "confirmedByLink" | "verifiedSignIn" | "requestSent" | "feedOnly" }
  | { kind: "partnerNews"; on: boolean }
  | { kind: "kinds"; kinds: UpdateKind[] }
  | { kind: "cadence"; cadence: string }
  | { kind: "weekday"; weekday: number }
  | { kind: "timeZone"; zone: string }
  | { kind: "quietHours"; from: string | null; to: string | null }
  | { kind: "pausedUntil"; until: Date | null }
  | { kind: "mailLocale"; locale: string }
  | { kind: "addressRejected" }
  | { kind: "raw"; text: string };

const FIXED_DETAILS: Record<string, Extract<LedgerDetail, { kind: "fixed" }>["key"]> = {
  "address confirmed by its owner": "confirmedByLink",
  "verified sign-in address": "verifiedSignIn",
  "confirmation mail sent": "requestSent",
  "channel=web": "feedOnly",
};

/**
 * A ledger detail as stored ("cadence=weekly; weekday=5", "address confirmed by its owner") read
 * back into parts; anything unknown stays as its text. The stored form, and the JSON download,
 * stay machine-shaped.
 */
export function parseLedgerDetail(detail: string): LedgerDetail[] {
  if (FIXED_DETAILS[detail]) return [{ kind: "fixed", key: FIXED_DETAILS[detail] }];
  if (detail.startsWith("paused: address rejected")) return [{ kind: "addressRejected" }];
  return detail.split("; ").map((part): LedgerDetail => {
    const [name, value = ""] = part.split("=", 2);
    switch (name) {
      case "partnerNews":
        return { kind: "partnerNews", on: value === "on" || value === "true" };
      case "kinds":
        return { kind: "kinds", kinds: [...parseKinds(value)] };
      case "cadence":
        return { kind: "cadence", cadence: value };
      case "weekday":
        return Number(value) >= 1 && Number(value) <= 7 ? { kind: "weekday", weekday: Number(value) } : { kind: "raw", text: part };
      case "timeZone":
        return { kind: "timeZone", zone: value };
      case "quietHours": {
        const [from, to] = value === "none" ? [null, null] : value.split("-");
        return { kind: "quietHours", from: from ?? null, to: to ?? null };
      }
      case "pausedUntil": {
        const until = value === "none" ? null : new Date(value);
        return until && Number.isNaN(until.getTime()) ? { kind: "raw", text: part } : { kind: "pausedUntil", until };
      }
      case "mailLocale":
        return { kind: "mailLocale", locale: value };
      default:
        return { kind: "raw", text: part };
    }
  });
}
