import { z } from "zod";
import { lineField, textField } from "@/lib/fields";

export const UPDATE_TITLE_MAX = 140;
export const UPDATE_BODY_MAX = 10_000;

// Only `news` is offered for now; `event` and `call` need their own fields and come later.
export const publishUpdateSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  kind: z.literal("news", "kindInvalid").default("news"),
  title: lineField({ min: 3, max: UPDATE_TITLE_MAX, tooShort: "titleTooShort", tooLong: "titleTooLong" }),
  body: textField({ max: UPDATE_BODY_MAX, tooLong: "bodyTooLong" }).refine((value) => value.length >= 1, "bodyRequired"),
});

export type PublishUpdateInput = z.infer<typeof publishUpdateSchema>;

export const CORRECTION_NOTE_MAX = 200;
const updateId = z.string().min(1, "unknown").max(40, "unknown");

/** A correction of a published update: new text, and a note saying what changed (shown with it). */
export const correctUpdateSchema = z.strictObject({
  updateId,
  title: lineField({ min: 3, max: UPDATE_TITLE_MAX, tooShort: "titleTooShort", tooLong: "titleTooLong" }),
  body: textField({ max: UPDATE_BODY_MAX, tooLong: "bodyTooLong" }).refine((value) => value.length >= 1, "bodyRequired"),
  note: lineField({ min: 3, max: CORRECTION_NOTE_MAX, tooShort: "correctionNoteTooShort", tooLong: "correctionNoteTooLong" }),
});

export const deleteUpdateSchema = z.strictObject({ updateId });

export type CorrectUpdateInput = z.infer<typeof correctUpdateSchema>;
