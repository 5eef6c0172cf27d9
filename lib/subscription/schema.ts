import { z } from "zod";
import { refParamSchema } from "@/lib/share/schema";

// Deliberately no user id anywhere: a subscription is always the acting reader's own.
// strictObject refuses unknown keys, so a smuggled "userId" fails loudly instead of being ignored.
export const followCauseSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  source: z.string().max(200).regex(/^\/[\w\-/.?=&%]*$/, "unknown").default("/"),
  // The share link the reader arrived through, counted in aggregate only.
  ref: refParamSchema,
});

export const leaveCauseSchema = z.strictObject({
  topicId: z.string().min(1, "unknown").max(40, "unknown"),
  source: z.string().max(200).regex(/^\/[\w\-/.?=&%]*$/, "unknown").default("/"),
});

export const leaveSubscriptionSchema = z.strictObject({
  subscriptionId: z.string().min(1, "unknown").max(40, "unknown"),
  source: z.string().max(200).regex(/^\/[\w\-/.?=&%]*$/, "unknown").default("/"),
});

export const leaveByTokenSchema = z.strictObject({
  token: z.string().min(1).max(120),
});

export const feedCursorSchema = z
  .string()
  .regex(/^[a-z0-9]{8,40}$/)
  .optional()
  .catch(undefined);

export type FollowCauseInput = z.infer<typeof followCauseSchema>;
