import { z } from "zod";
import { lineField, textField } from "@/lib/fields";

export const REF_LABEL_MAX = 80;

// Error messages are keys under "validation".
export const createShareRefSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  label: lineField({ min: 2, max: REF_LABEL_MAX, tooShort: "refLabelTooShort", tooLong: "refLabelTooLong" }),
});

export const archiveShareRefSchema = z.strictObject({
  refId: z.string().min(1, "unknown").max(40, "unknown"),
});

/** A ref code in a URL: anything else is ignored (the plain page is shown, never an error). */
export const refParamSchema = z
  .string()
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .optional()
  .catch(undefined);

export type CreateShareRefInput = z.infer<typeof createShareRefSchema>;

/** A record id in a URL (cuid): anything else is answered with 404 before the database is asked. */
export const recordIdSchema = z.string().regex(/^[a-z0-9]{8,40}$/);

export const INVITEE_NAME_MAX = 80;
export const INVITATION_NOTE_MAX = 1000;

/** A personal invitation: whom (as the publisher knows them) and a note in the publisher's words. */
export const createInvitationSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  name: lineField({ min: 1, max: INVITEE_NAME_MAX, tooShort: "inviteeNameRequired", tooLong: "inviteeNameTooLong" }),
  note: textField({ max: INVITATION_NOTE_MAX, tooLong: "invitationNoteTooLong" }).refine((value) => value.length >= 1, "invitationNoteRequired"),
});

export const withdrawInvitationSchema = z.strictObject({
  refId: z.string().min(1, "unknown").max(40, "unknown"),
});

export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;
