import { z } from "zod";
import { idField, textField } from "@/lib/fields";
import { APPEAL_MAX, APPEAL_MIN, DECISION_REASON_MAX, DECISION_REASON_MIN, parseTargetKey, REPORT_NOTE_MAX, REPORT_REASONS } from "./rules";

// Error messages are keys under "validation".

const target = z.string().max(60, "unknown").transform((value, ctx) => {
  const parsed = parseTargetKey(value);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: "unknown" });
    return z.NEVER;
  }
  return parsed;
});

/** Anyone, signed in or not, reports a cause, an update or a group. */
export const fileReportSchema = z.strictObject({
  target,
  reason: z.enum(REPORT_REASONS, "reportReasonRequired"),
  note: textField({ max: REPORT_NOTE_MAX, tooLong: "reportNoteTooLong" }).default(""),
});

const reason = textField({ max: DECISION_REASON_MAX, tooLong: "decisionReasonTooLong" }).refine(
  (value) => value.length >= DECISION_REASON_MIN,
  "decisionReasonRequired",
);

/** An operator's decision about one target; every decision needs a reason. */
export const moderationDecisionSchema = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("dismiss"), target, reason }),
  z.strictObject({ decision: z.literal("hide_update"), target, reason }),
  z.strictObject({ decision: z.literal("unhide_update"), target, reason }),
  z.strictObject({ decision: z.literal("suspend_cause"), target, reason }),
  z.strictObject({ decision: z.literal("lift_cause"), target, reason }),
  z.strictObject({ decision: z.literal("suspend_group"), target, reason }),
  z.strictObject({ decision: z.literal("lift_group"), target, reason }),
  // The account is named through something it published (a cause), never typed in.
  z.strictObject({ decision: z.literal("suspend_account"), target, reason }),
  z.strictObject({ decision: z.literal("lift_account"), userId: idField, reason }),
]);

/** The publisher's one appeal against a suspension. */
export const appealSchema = z.strictObject({
  target,
  note: textField({ max: APPEAL_MAX, tooLong: "appealTooLong" }).refine((value) => value.length >= APPEAL_MIN, "appealTooShort"),
});

export type FileReportInput = z.infer<typeof fileReportSchema>;
export type ModerationDecisionInput = z.infer<typeof moderationDecisionSchema>;
export type AppealInput = z.infer<typeof appealSchema>;
