"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { leaveSubscriptionAction } from "@/lib/subscription/actions";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

/** One-click leave of one of the reader's subscriptions (a cause or a group), on the feed and the list. */
export function LeaveForm({ subscriptionId, title, source }: { subscriptionId: string; title: string; source: string }) {
  const t = useTranslations("subscriptions");
  const [state, formAction] = useActionState(leaveSubscriptionAction, idle, source);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="source" value={source} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("leaving")} aria-label={t("leaveNamed", { title })}>
        {t("leave")}
      </SubmitButton>
      {state.status === "error" ? <span role="alert" className="text-sm text-accent">{state.message}</span> : null}
    </form>
  );
}
