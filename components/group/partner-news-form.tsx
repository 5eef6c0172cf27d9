"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { setPartnerNewsAction } from "@/lib/group/actions";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

/** Partner news (updates of a followed cause's partner groups) is off until the reader turns it on. */
export function PartnerNewsForm({ topicId, enabled, title }: { topicId: string; enabled: boolean; title: string }) {
  const t = useTranslations("groups.partnerNews");
  const [state, formAction] = useActionState(setPartnerNewsAction, idle);
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="topicId" value={topicId} />
      <input type="hidden" name="partnerNews" value={enabled ? "off" : "on"} />
      <SubmitButton variant="ghost" size="sm" aria-pressed={enabled} aria-label={t(enabled ? "turnOffNamed" : "turnOnNamed", { title })}>
        {t(enabled ? "turnOff" : "turnOn")}
      </SubmitButton>
      {state.status === "error" ? <span role="alert" className="text-sm text-accent">{state.message}</span> : null}
    </form>
  );
}
