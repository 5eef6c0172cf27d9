"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { changeCauseStatusAction } from "@/lib/topic/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useOwnMessage } from "@/components/ui/use-own-message";

const idle: ActionState = { status: "idle" };

/** The next step in a cause's life: publish a draft, archive a published cause, or re-publish. */
export function StatusForm({ topicId, status }: { topicId: string; status: "draft" | "published" | "archived" }) {
  const t = useTranslations("dashboard");
  const [state, formAction] = useActionState(changeCauseStatusAction, idle);
  const [message, form] = useOwnMessage(state);
  const next = status === "published" ? "archived" : "published";
  return (
    <form action={formAction} className="space-y-3" ref={form}>
      <input type="hidden" name="topicId" value={topicId} />
      <input type="hidden" name="status" value={next} />
      <p className="text-sm text-muted">{t(`statusHelp.${status}`)}</p>
      <SubmitButton variant={next === "published" ? "primary" : "secondary"} data-testid="status-button">
        {t(`statusAction.${status}`)}
      </SubmitButton>
      <FormMessage status={state.status} message={message} />
    </form>
  );
}
