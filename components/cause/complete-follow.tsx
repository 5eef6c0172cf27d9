"use client";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/action";
import { completeFollowIntentAction } from "@/lib/subscription/actions";

const idle: ActionState = { status: "idle" };

/**
 * Back from signing in after pressing "Follow": completes that follow once, and says so. The
 * server only acts when this browser still holds the choice for this cause.
 */
export function CompleteFollow({ active, topicId, title, source, shareRef }: { active: boolean; topicId: string; title: string; source: string; shareRef?: string }) {
  const t = useTranslations("cause");
  const [state, formAction] = useActionState(completeFollowIntentAction, idle);
  const sent = useRef(false);
  useEffect(() => {
    if (!active || sent.current) return;
    sent.current = true;
    const form = new FormData();
    form.set("topicId", topicId);
    form.set("source", source);
    if (shareRef) form.set("ref", shareRef);
    startTransition(() => formAction(form));
  }, [active, formAction, topicId, source, shareRef]);
  if (state.status === "ok" && state.values?.followed === "1") {
    return (
      <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium" data-testid="follow-completed">
        {t("followCompleted", { title })}
      </p>
    );
  }
  return state.status === "error" && state.message ? (
    <p role="alert" className="rounded-xl bg-accent-soft px-4 py-3 text-sm font-medium text-accent-strong">{state.message}</p>
  ) : null;
}
