import { z } from "zod";
import { UPDATE_KINDS } from "@/lib/db-enums";
import { lineField, textField } from "@/lib/fields";
import { canonicalTimeZone } from "@/lib/subscription/email/rules";
import { zonedTime } from "./rules";

export const UPDATE_TITLE_MAX = 140;
export const UPDATE_BODY_MAX = 10_000;
export const PLACE_MAX = 200;
export const CALL_URL_MAX = 500;

// Error messages are keys under "validation".

const EARLIEST = Date.UTC(2000, 0, 1);
const HORIZON_MS = 10 * 366 * 24 * 60 * 60 * 1000;

const title = lineField({ min: 3, max: UPDATE_TITLE_MAX, tooShort: "titleTooShort", tooLong: "titleTooLong" });
const body = textField({ max: UPDATE_BODY_MAX, tooLong: "bodyTooLong" }).refine((value) => value.length >= 1, "bodyRequired");
const localTime = z.string().max(16, "dateTimeInvalid").default("");
const optionalLine = (max: number, tooLong: string) => lineField({ max, tooLong }).default("");

/**
 * The fields of an event (start, optional end, time zone, place or online link) and of a call to
 * action (until when, optional link), as a form sends them — every kind's fields arrive, the chosen
 * kind decides which count — turned into what is stored: instants in UTC plus the zone they were
 * given in. Checked against `now`: an event or deadline already over is refused (not in a
 * correction: a typo in last week's event may still be fixed).
 */
function schedule(now: () => Date, { allowPast = false } = {}) {
  return z
    .object({
      kind: z.enum(UPDATE_KINDS, "kindInvalid").default("news"),
      startsAt: localTime,
      endsAt: localTime,
      place: optionalLine(PLACE_MAX, "placeTooLong"),
      deadline: localTime,
      callUrl: z.string().trim().max(CALL_URL_MAX, "callUrlInvalid").default(""),
      timeZone: z.string().max(64, "timeZoneInvalid").default(""),
    })
    .transform((input, ctx) => {
      const none = { kind: input.kind, startsAt: null, endsAt: null, place: null, deadline: null, callUrl: null, timeZone: null };
      if (input.kind === "news") return none;
      const zone = canonicalTimeZone(input.timeZone);
      if (!zone) {
        ctx.addIssue({ code: "custom", path: ["timeZone"], message: "timeZoneInvalid" });
        return z.NEVER;
      }
      // A wall-clock time that does not exist in the zone (a daylight-saving gap) says so.
      const at = (field: "startsAt" | "endsAt" | "deadline", missing: string) => {
        const value = input[field];
        if (!value) return null;
        const instant = zonedTime(value, zone);
        if (!instant) ctx.addIssue({ code: "custom", path: [field], message: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? "timeNotInZone" : missing });
        // Within reason: not before 2000, not more than ten years ahead (year 10 000 breaks dates).
        else if (instant.getTime() < EARLIEST || instant.getTime() > now().getTime() + HORIZON_MS) {
          ctx.addIssue({ code: "custom", path: [field], message: "dateOutOfRange" });
          return null;
        }
        return instant;
      };
      if (input.kind === "event") {
        const startsAt = at("startsAt", "eventStartInvalid");
        const endsAt = at("endsAt", "eventEndInvalid");
        if (!input.startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "eventStartInvalid" });
        if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "eventEndBeforeStart" });
        if (!allowPast && startsAt && (endsAt ?? startsAt).getTime() < now().getTime()) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "eventInPast" });
        if (!input.place) ctx.addIssue({ code: "custom", path: ["place"], message: "placeRequired" });
        if (!startsAt || !input.place) return z.NEVER;
        return { ...none, startsAt, endsAt, place: input.place, timeZone: zone };
      }
      const deadline = at("deadline", "deadlineInvalid");
      if (!input.deadline) ctx.addIssue({ code: "custom", path: ["deadline"], message: "deadlineInvalid" });
      if (!allowPast && deadline && deadline.getTime() < now().getTime()) ctx.addIssue({ code: "custom", path: ["deadline"], message: "deadlineInPast" });
      let callUrl: string | null = null;
      if (input.callUrl) {
        callUrl = webAddress(input.callUrl);
        if (!callUrl) ctx.addIssue({ code: "custom", path: ["callUrl"], message: "callUrlInvalid" });
      }
      if (!deadline) return z.NEVER;
      return { ...none, deadline, callUrl, timeZone: zone };
    });
}

/** A full http(s) address, normalised; null for anything else (javascript:, relative, spaces). */
function webAddress(value: string): string | null {
  if (/\s/.test(value)) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** A new update: news, an event or a call to action. */
export const publishUpdateSchema = z
  .object({ topicId: z.string().min(1, "unknown").max(40, "unknown"), title, body })
  .and(schedule(() => new Date()));

/** What an event or call adds (absent: news, or for a correction, the times stay as they are). */
export type UpdateSchedule = Partial<z.infer<ReturnType<typeof schedule>>>;
export type PublishUpdateInput = { topicId: string; title: string; body: string } & UpdateSchedule;

export const CORRECTION_NOTE_MAX = 200;
const updateId = z.string().min(1, "unknown").max(40, "unknown");

/**
 * A correction of a published update: new text — for an event or call also new times, place or
 * link (a postponed date is the commonest correction) — and a note saying what changed (shown with
 * it). Its kind stays what it was.
 */
export const correctUpdateSchema = z
  .object({
    updateId,
    title,
    body,
    note: lineField({ min: 3, max: CORRECTION_NOTE_MAX, tooShort: "correctionNoteTooShort", tooLong: "correctionNoteTooLong" }),
  })
  .and(schedule(() => new Date(), { allowPast: true }));

export const deleteUpdateSchema = z.strictObject({ updateId });

export type CorrectUpdateInput = { updateId: string; title: string; body: string; note: string } & UpdateSchedule;
