import { z } from "zod";
import { BIDI_CONTROL, cleanText, LINE_BREAK } from "@/lib/text";

// Form fields shared by every domain's schema. Messages are keys under "validation".

type LineOptions = { min?: number; max: number; tooShort?: string; tooLong: string };

/**
 * One line of text a person typed: titles, names, places, share-place labels. Control characters
 * are dropped; a line break or a bidi override is refused with its own message (never silently
 * kept: one ends up in a mail subject, the other disguises text on pages and in feeds).
 */
export function lineField({ min = 0, max, tooShort = "invalid", tooLong }: LineOptions) {
  return z
    .string()
    .overwrite(cleanText)
    .trim()
    .refine((value) => !LINE_BREAK.test(value), "lineBreak")
    .refine((value) => !BIDI_CONTROL.test(value), "bidiControl")
    .refine((value) => value.length >= min, { message: tooShort, params: { min } })
    .refine((value) => value.length <= max, { message: tooLong, params: { max } });
}

/** Several lines of text (summaries, notes): line breaks are fine, bidi overrides are not. */
export function textField({ max, tooLong }: { max: number; tooLong: string }) {
  return z
    .string()
    .overwrite(cleanText)
    .trim()
    .refine((value) => !BIDI_CONTROL.test(value), "bidiControl")
    .refine((value) => value.length <= max, { message: tooLong, params: { max } });
}

/** A record id from a form (cuid): anything longer or emptier is simply unknown. */
export const idField = z.string().min(1, "unknown").max(40, "unknown");
