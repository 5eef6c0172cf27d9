"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { leaveCauseAction } from "@/lib/subscription/actions";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

/** One-click leave for a signed-in reader (feed items, subscriptions list). */
export function LeaveForm({ topicId, title, source }: { topicId: string; title: string; source: string }) {
  const t = useTranslations("subscriptions");
  const [state, formAction] = useActionState(leaveCauseAction, idle, source);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="topicId" value={topicId} />
      <input type="hidden" name="source" value={source} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("leaving")} aria-label={t("leaveNamed", { title })}>
        {t("leave")}
      </SubmitButton>
      {state.status === "error" ? <span role="alert" className="text-sm text-accent">{state.message}</span> : null}
    </form>
  );
}
