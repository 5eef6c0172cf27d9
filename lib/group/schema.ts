import { z } from "zod";
import { leaveCauseSchema } from "@/lib/subscription/schema";
import { lineField, textField } from "@/lib/fields";
import { cleanText } from "@/lib/text";
import { slugField, tagsField } from "@/lib/topic/schema";
import {
  CONCERN_MAX,
  CONCERN_MIN,
  GROUP_DESCRIPTION_MAX,
  GROUP_NAME_MAX,
  GROUP_NAME_MIN,
  NOTE_MAX,
} from "./rules";

// Error messages are keys under "validation". No schema here carries a user id: every write acts
// for the signed-in user, and strictObject refuses a smuggled "userId" instead of ignoring it.

const id = z.string().min(1, "unknown").max(40, "unknown");
// Where a follow or leave happened (the page), as the cause follow records it.
const source = leaveCauseSchema.shape.source;


export const createGroupSchema = z.strictObject({
  /** The founding cause: one of the actor's published causes. */
  topicId: id,
  name: lineField({ min: GROUP_NAME_MIN, max: GROUP_NAME_MAX, tooShort: "groupNameTooShort", tooLong: "groupNameTooLong" }),
  // Empty means "make one from the name".
  slug: z.union([z.literal(""), slugField]).default(""),
  concern: lineField({ min: CONCERN_MIN, max: CONCERN_MAX, tooShort: "concernTooShort", tooLong: "concernTooLong" }),
  description: textField({ max: GROUP_DESCRIPTION_MAX, tooLong: "groupDescriptionTooLong" }).default(""),
  tags: tagsField,
  language: z.enum(["de", "en"], "languageInvalid"),
});

export const inviteCauseSchema = z.strictObject({
  groupId: id,
  topicId: id,
  note: textField({ max: NOTE_MAX, tooLong: "noteTooLong" }).default(""),
});

export const respondToInvitationSchema = z.strictObject({
  invitationId: id,
  response: z.enum(["accept", "decline"], "responseInvalid"),
});

export const withdrawInvitationSchema = z.strictObject({ invitationId: id });

/** The owner of a member cause takes it out of the group. */
export const leaveGroupSchema = z.strictObject({ groupId: id, topicId: id });

/** The admin takes another member cause out of the group. */
export const removeMemberSchema = z.strictObject({ groupId: id, topicId: id });

/** The admin hands the admin role to another member cause. */
export const handOverGroupSchema = z.strictObject({ groupId: id, topicId: id });

export const followGroupSchema = z.strictObject({ groupId: id, source });
export const leaveGroupFollowSchema = z.strictObject({ groupId: id, source });

// One form serves both directions so the button can flip in place (as for causes).
export const toggleGroupFollowSchema = z.discriminatedUnion("intent", [
  followGroupSchema.extend({ intent: z.literal("follow") }),
  leaveGroupFollowSchema.extend({ intent: z.literal("leave") }),
]);

export const setPartnerNewsSchema = z.strictObject({
  topicId: id,
  // An unticked checkbox sends nothing: that means off, the default.
  partnerNews: z.enum(["on", "off"], "partnerNewsInvalid").default("off"),
  source: source.default("/subscriptions"),
});

export const groupSearchSchema = z.object({
  q: z.string().overwrite(cleanText).trim().max(100).default("").catch(""),
});

export type CreateGroupInput = z.infer<typeof createGroupSchema>;
export type InviteCauseInput = z.infer<typeof inviteCauseSchema>;
export type RespondToInvitationInput = z.infer<typeof respondToInvitationSchema>;
export type WithdrawInvitationInput = z.infer<typeof withdrawInvitationSchema>;
export type LeaveGroupInput = z.infer<typeof leaveGroupSchema>;
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>;
export type HandOverGroupInput = z.infer<typeof handOverGroupSchema>;
export type FollowGroupInput = z.infer<typeof followGroupSchema>;
export type LeaveGroupFollowInput = z.infer<typeof leaveGroupFollowSchema>;
export type SetPartnerNewsInput = z.infer<typeof setPartnerNewsSchema>;
