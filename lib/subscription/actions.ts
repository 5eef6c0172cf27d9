"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authAction } from "@/lib/action";
import { followCause, leaveCause, leaveSubscription, markFeedRead, markUpdateRead } from "./mutations";
import { followCauseSchema, leaveCauseSchema, leaveSubscriptionSchema } from "./schema";

// One form serves both directions so the button can flip in place; each direction keeps its own
// schema and domain function.
const toggleFollowSchema = z.discriminatedUnion("intent", [
  followCauseSchema.extend({ intent: z.literal("follow") }),
  leaveCauseSchema.extend({ intent: z.literal("leave") }),
]);

export const toggleFollowAction = authAction(toggleFollowSchema, async ({ intent, ...input }, user) => {
  if (intent === "follow") await followCause(user, input);
  else await leaveCause(user, input);
  revalidatePath("/", "layout");
  return { status: "ok" as const, values: { following: intent === "follow" ? "1" : "0" } };
});

export const leaveSubscriptionAction = authAction(leaveSubscriptionSchema, async (input, user) => {
  await leaveSubscription(user, input);
  revalidatePath("/", "layout");
});

export const markUpdateReadAction = authAction(
  z.strictObject({ updateId: z.string().min(1).max(40) }),
  async ({ updateId }, user) => {
    await markUpdateRead(user, updateId);
    revalidatePath("/feed");
  },
);

export const markFeedReadAction = authAction(z.strictObject({}), async (_input, user) => {
  await markFeedRead(user);
  revalidatePath("/feed");
});
