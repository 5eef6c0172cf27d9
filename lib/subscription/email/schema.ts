import { z } from "zod";
import { EMAIL_MAX, EMAIL_PATTERN } from "@/lib/email-address";
import { refParamSchema } from "@/lib/share/schema";
import { CADENCES, LEAVE_REASONS, MAIL_LOCALES, canonicalTimeZone, parseClockTime } from "./rules";
import { SAME_SITE_PATH } from "../schema";

// Error messages are keys under "validation". Every schema is strict: a smuggled "userId" or
// "email" in a preferences form fails instead of being ignored.

const recordId = z.string().regex(/^[a-z0-9]{8,40}$/, "unknown");
const source = z.string().max(200).regex(SAME_SITE_PATH, "unknown").default("/");
const token = z.string().min(1, "unknown").max(200, "unknown");

/** Syntax only: whether an address really exists is what the confirmation mail finds out. */
export const emailAddressSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX, "emailInvalid")
  .pipe(z.email({ pattern: EMAIL_PATTERN, error: "emailInvalid" }))
  .transform((address) => address.toLowerCase());

// Filled in by the browser; anything unreadable falls back to the app's default zone.
const browserTimeZone = z.string().max(64).optional().transform((value) => (value ? canonicalTimeZone(value) : null));

export const requestEmailFollowSchema = z
  .strictObject({
    email: emailAddressSchema,
    topicId: recordId.optional(),
    groupId: recordId.optional(),
    source,
    ref: refParamSchema,
    timeZone: browserTimeZone,
  })
  .refine((input) => Boolean(input.topicId) !== Boolean(input.groupId), { message: "unknown", path: ["form"] });

const checkbox = z.literal("on").optional();
const clockTime = z.string().max(5).refine((v) => v === "" || parseClockTime(v) !== null, "timeInvalid").default("");

/** The preferences form: every field a reader may set, and nothing else. */
export const emailPreferencesSchema = z
  .strictObject({
    kindNews: checkbox,
    kindEvent: checkbox,
    kindCall: checkbox,
    partnerNews: checkbox,
    cadence: z.enum(CADENCES, "invalid"),
    weekday: z.coerce.number("invalid").int("invalid").min(1, "invalid").max(7, "invalid"),
    timeZone: z
      .string()
      .max(64, "timeZoneInvalid")
      .transform((value, ctx) => {
        const zone = canonicalTimeZone(value);
        if (!zone) ctx.addIssue({ code: "custom", message: "timeZoneInvalid" });
        return zone ?? "";
      }),
    quietStart: clockTime,
    quietEnd: clockTime,
    pausedUntil: z.string().max(10).regex(/^(\d{4}-\d{2}-\d{2})?$/, "dateInvalid").default(""),
    mailLocale: z.enum(MAIL_LOCALES, "invalid"),
  })
  .superRefine((input, ctx) => {
    if (!input.kindNews && !input.kindEvent && !input.kindCall) {
      ctx.addIssue({ code: "custom", message: "kindsRequired", path: ["kinds"] });
    }
    if (Boolean(input.quietStart) !== Boolean(input.quietEnd)) {
      ctx.addIssue({ code: "custom", message: "quietBoth", path: ["quietStart"] });
    } else if (input.quietStart && input.quietStart === input.quietEnd) {
      ctx.addIssue({ code: "custom", message: "quietSame", path: ["quietStart"] });
    }
  });

export type EmailPreferencesInput = z.output<typeof emailPreferencesSchema>;

/** Who the form is for: a preferences link (no account) … */
export const preferencesByTokenSchema = emailPreferencesSchema.safeExtend({ token });
/** … or one of the signed-in reader's own subscriptions. */
export const ownPreferencesSchema = emailPreferencesSchema.safeExtend({ subscriptionId: recordId });

export const tokenSchema = z.strictObject({ token });
export const ownSubscriptionSchema = z.strictObject({ subscriptionId: recordId });

/** Signed-in: mail this subscription to me too (email) or only show it in my feed (web). */
export const setEmailChannelSchema = z.strictObject({
  subscriptionId: recordId,
  channel: z.enum(["web", "email"], "invalid"),
  source,
  timeZone: browserTimeZone,
});

export const leaveReasonSchema = z.strictObject({
  token,
  reason: z.enum(LEAVE_REASONS, "leaveReasonRequired"),
});
