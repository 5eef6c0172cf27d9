"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authAction } from "@/lib/action";
import { revalidatePages } from "@/lib/revalidate";
import { followCause, leaveCause, leaveSubscription, markFeedRead, markUpdateRead, markUpdateUnread } from "./mutations";
import { env } from "@/lib/env";
import { followIntentCookie } from "./rules";
import { undoLeave } from "./undo";
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
  revalidatePages("follows");
  return { status: "ok" as const, values: { following: intent === "follow" ? "1" : "0" } };
});

/**
 * Completes a "Follow" pressed before signing in: only when this browser holds that choice for this
 * cause (set by /api/follow-intent), once (the choice is used up), for the signed-in person.
 */
export const completeFollowIntentAction = authAction(followCauseSchema, async (input, user) => {
  const store = await cookies();
  const name = followIntentCookie(env.APP_URL);
  if (store.get(name)?.value !== input.topicId) return { status: "ok" as const, values: { followed: "0" } };
  await followCause(user, input);
  // Used up only once it worked: a database hiccup leaves the choice for a retry.
  store.delete(name);
  revalidatePages("follows");
  return { status: "ok" as const, values: { followed: "1" } };
});

export const leaveSubscriptionAction = authAction(leaveSubscriptionSchema, async (input, user) => {
  await leaveSubscription(user, input);
  revalidatePages("follows");
  // From Mein Feed the items vanish: the top of the page says what happened and offers Undo.
  if (input.source === "/feed") redirect(`/feed?left=${encodeURIComponent(input.subscriptionId)}`);
});

export const undoLeaveAction = authAction(z.strictObject({ subscriptionId: z.string().min(1).max(40) }), async ({ subscriptionId }, user) => {
  await undoLeave(user, subscriptionId);
  revalidatePages("follows");
  redirect(`/feed?back=${encodeURIComponent(subscriptionId)}`);
});

export const markUpdateReadAction = authAction(
  z.strictObject({ updateId: z.string().min(1).max(40) }),
  async ({ updateId }, user) => {
    await markUpdateRead(user, updateId);
    revalidatePath("/feed");
  },
);

export const markUpdateUnreadAction = authAction(
  z.strictObject({ updateId: z.string().min(1).max(40) }),
  async ({ updateId }, user) => {
    await markUpdateUnread(user, updateId);
    revalidatePath("/feed");
  },
);

export const markFeedReadAction = authAction(z.strictObject({}), async (_input, user) => {
  await markFeedRead(user);
  revalidatePath("/feed");
});
