"use server";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { authAction, publicAction } from "@/lib/action";
import { currentClientNetwork } from "@/lib/client";
import { DomainError } from "@/lib/errors";
import { revalidatePages } from "@/lib/revalidate";
import { appealSuspension, decide, fileReport } from "./mutations";
import { isOperator } from "./queries";
import { appealSchema, fileReportSchema, moderationDecisionSchema } from "./schema";

// Thin doors; messages are under "moderation" (lib/i18n/messages/moderation.*.json).

/** Report: signed in or not. The answer is a thank-you and nothing else. */
export const fileReportAction = publicAction(fileReportSchema, async (input, user) => {
  await fileReport({ ...input, client: await currentClientNetwork() }, user);
  const t = await getTranslations("moderation.report");
  return { status: "ok" as const, message: t("thanks") };
});

/**
 * An operator's decision; anybody else is told the page is not theirs. The decided item leaves the
 * queue, so the page itself says what happened (`?done=`).
 */
export const moderationDecisionAction = authAction(moderationDecisionSchema, async (input, user) => {
  if (!(await isOperator(user.id))) throw new DomainError("operatorOnly");
  const { changed } = await decide(user, input);
  // Suspending an account also ends its sessions (the header on every page).
  if (input.decision === "suspend_account" || input.decision === "lift_account") revalidatePages("everything");
  else revalidatePages("moderation", ...(input.decision === "dismiss" ? [] : (["visibility"] as const)));
  redirect(`/admin?done=${changed ? input.decision : "unchanged"}`);
});

/** The publisher's one appeal against a suspension. */
export const appealAction = authAction(appealSchema, async (input, user) => {
  await appealSuspension(user, input);
  revalidatePages("moderation"); // the notice on the publisher's dashboard, the appeal in the queue
  const t = await getTranslations("moderation.appeal");
  return { status: "ok" as const, message: t("sent") };
});
