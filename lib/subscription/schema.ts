import { z } from "zod";
import { refParamSchema } from "@/lib/share/schema";

/**
 * The page a form was sent from, stored with the consent and later shown as a link in every mail.
 * Only a path on this site: "//host/x" is protocol-relative and would make absoluteUrl() link to
 * another site (backslashes, which browsers treat as slashes, are outside the class anyway).
 */
export const SAME_SITE_PATH = /^\/(?!\/)[\w\-/.?=&%]*$/;

// Deliberately no user id anywhere: a subscription is always the acting reader's own.
// strictObject refuses unknown keys, so a smuggled "userId" fails loudly instead of being ignored.
export const followCauseSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  source: z.string().max(200).regex(SAME_SITE_PATH, "unknown").default("/"),
  // The share link the reader arrived through, counted in aggregate only.
  ref: refParamSchema,
});

export const leaveCauseSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  source: z.string().max(200).regex(SAME_SITE_PATH, "unknown").default("/"),
});

export const leaveSubscriptionSchema = z.strictObject({
  subscriptionId: z.string().min(1, "unknown").max(40, "unknown"),
  source: z.string().max(200).regex(SAME_SITE_PATH, "unknown").default("/"),
});

export const leaveByTokenSchema = z.strictObject({
  token: z.string().min(1).max(120),
});

/** A record id from the address (?after=, ?left=, ?back=): the id, or undefined for anything else. */
export const idParamSchema = z
  .string()
  .regex(/^[a-z0-9]{8,40}$/)
  .optional()
  .catch(undefined);

export const feedCursorSchema = idParamSchema;

export type FollowCauseInput = z.infer<typeof followCauseSchema>;
