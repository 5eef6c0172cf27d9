import { z } from "zod";
import { lineField, textField } from "@/lib/fields";
import { BIDI_CONTROL, cleanText } from "@/lib/text";
import { PUSH_BUDGET_DEFAULT, PUSH_BUDGET_MAX, PUSH_BUDGET_MIN } from "@/lib/update/rules";
import { isValidSlug, MAX_TAGS, parseTags, TAG_KEY_MAX, TAG_MAX, tagKey } from "./rules";

// Error messages are keys under "validation" in lib/i18n/messages/*.json.
export const TITLE_MAX = 120;
export const SUMMARY_MAX = 280;
export const BODY_MAX = 20_000;

/**
 * Comma-separated tags → tags as typed, each with the key it is matched on (parseTags); shared by
 * causes and partner groups. A tag without a letter or digit (only emoji, say) is refused by name.
 */
export const tagsField = z
  .string()
  .max(2_000, "tagsInvalid")
  .default("")
  .overwrite(cleanText)
  .refine((value) => !BIDI_CONTROL.test(value), "bidiControl")
  .transform((value, ctx) => {
    const { tags, refused } = parseTags(value);
    // Whole characters only: an emoji cut in half would show as a broken sign.
    for (const { label, reason } of refused.slice(0, 1)) {
      ctx.addIssue({ code: "custom", message: reason, params: { tag: Array.from(label).slice(0, TAG_MAX).join("") } });
    }
    return tags;
  })
  .refine((tags) => tags.length <= MAX_TAGS, { message: "tooManyTags", params: { max: MAX_TAGS } })
  .refine((tags) => tags.every((tag) => tag.label.length <= TAG_MAX && tag.key.length <= TAG_KEY_MAX), { message: "tagTooLong", params: { max: TAG_MAX } });

const topicFields = {
  title: lineField({ min: 3, max: TITLE_MAX, tooShort: "titleTooShort", tooLong: "titleTooLong" }),
  summary: textField({ max: SUMMARY_MAX, tooLong: "summaryTooLong" }).default(""),
  body: textField({ max: BODY_MAX, tooLong: "bodyTooLong" }).default(""),
  tags: tagsField,
  language: z.enum(["de", "en"], "languageInvalid"),
  pushBudget: z.coerce
    .number("pushBudgetInvalid")
    .int("pushBudgetInvalid")
    .min(PUSH_BUDGET_MIN, "pushBudgetInvalid")
    .max(PUSH_BUDGET_MAX, "pushBudgetInvalid")
    .default(PUSH_BUDGET_DEFAULT),
};

/** A chosen slug: trimmed, lower-cased, readable (see isValidSlug). */
export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .refine((slug) => isValidSlug(slug), "slugInvalid");

export const createTopicSchema = z.strictObject({
  ...topicFields,
  // Empty means "make one from the title".
  slug: z.union([z.literal(""), slugField]).default(""),
});

export const updateTopicSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  ...topicFields,
  slug: slugField,
});

export const changeTopicStatusSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  status: z.enum(["published", "archived"], "statusInvalid"),
});

export const exploreFilterSchema = z.object({
  q: z.string().overwrite(cleanText).trim().max(100).optional().catch(undefined),
  // A tag's key ("baeume") or any spelling of it ("Bäume").
  tag: z
    .string()
    .overwrite(cleanText)
    .max(TAG_KEY_MAX * 4)
    .transform((value) => tagKey(value).slice(0, TAG_KEY_MAX) || undefined)
    .optional()
    .catch(undefined),
  lang: z.enum(["de", "en"]).optional().catch(undefined),
});

export type CreateTopicInput = z.infer<typeof createTopicSchema>;
export type UpdateTopicInput = z.infer<typeof updateTopicSchema>;
export type ChangeTopicStatusInput = z.infer<typeof changeTopicStatusSchema>;
export type ExploreFilter = z.infer<typeof exploreFilterSchema>;
