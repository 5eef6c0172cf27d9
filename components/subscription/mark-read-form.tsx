"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { markFeedReadAction, markUpdateReadAction, markUpdateUnreadAction } from "@/lib/subscription/actions";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

/** One item's read mark, either way: "Mark as read" on an unread item, "Mark unread" on a read one. */
export function MarkReadForm({ updateId, unread }: { updateId: string; unread: boolean }) {
  const t = useTranslations("feed");
  const [, formAction] = useActionState(unread ? markUpdateReadAction : markUpdateUnreadAction, idle, "/feed");
  return (
    <form action={formAction}>
      <input type="hidden" name="updateId" value={updateId} />
      <SubmitButton variant="ghost" size="sm" data-testid={unread ? "mark-read" : "mark-unread"}>{t(unread ? "markRead" : "markUnread")}</SubmitButton>
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
