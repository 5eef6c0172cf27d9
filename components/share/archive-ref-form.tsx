"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { archiveShareRefAction } from "@/lib/share/actions";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

export function ArchiveRefForm({ refId, label }: { refId: string; label: string }) {
  const t = useTranslations("share");
  const [state, formAction] = useActionState(archiveShareRefAction, idle);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="refId" value={refId} />
      <SubmitButton variant="ghost" size="sm" aria-label={t("archiveNamed", { label })}>{t("archive")}</SubmitButton>
      {state.status === "error" ? <span role="alert" className="text-sm text-accent">{state.message}</span> : null}
    </form>
  );
}
