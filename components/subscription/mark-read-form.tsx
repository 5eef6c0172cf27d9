"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { markFeedReadAction, markUpdateReadAction } from "@/lib/subscription/actions";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

export function MarkReadForm({ updateId }: { updateId: string }) {
  const t = useTranslations("feed");
  const [, formAction] = useActionState(markUpdateReadAction, idle, "/feed");
  return (
    <form action={formAction}>
      <input type="hidden" name="updateId" value={updateId} />
      <SubmitButton variant="ghost" size="sm">{t("markRead")}</SubmitButton>
    </form>
  );
}

export function MarkAllReadForm() {
  const t = useTranslations("feed");
  const [, formAction] = useActionState(markFeedReadAction, idle, "/feed");
  return (
    <form action={formAction}>
      <SubmitButton variant="secondary" size="sm">{t("markAllRead")}</SubmitButton>
    </form>
  );
}
