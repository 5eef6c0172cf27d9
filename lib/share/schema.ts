import { z } from "zod";
import { lineField } from "@/lib/fields";

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
