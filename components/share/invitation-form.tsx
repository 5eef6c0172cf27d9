"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { createInvitationAction, withdrawInvitationAction } from "@/lib/share/actions";
import { INVITATION_NOTE_MAX, INVITEE_NAME_MAX } from "@/lib/share/schema";
import { Field, Input, Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

/** One invitation for one person: their name as you know them, and a note in your own words. */
export function InvitationForm({ topicId }: { topicId: string }) {
  const t = useTranslations("share.invitations");
  const [state, formAction] = useActionState(createInvitationAction, idle);
  const kept = state.status === "error" ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate key={state.status === "ok" ? state.values?.refId : "form"}>
      <input type="hidden" name="topicId" value={topicId} />
      <Field form="invitation" name="name" label={t("nameLabel")} hint={t("nameHint")} errors={state.fieldErrors?.name} max={INVITEE_NAME_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="name" defaultValue={kept?.name} maxLength={INVITEE_NAME_MAX} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field form="invitation" name="note" label={t("noteLabel")} hint={t("noteHint")} errors={state.fieldErrors?.note} max={INVITATION_NOTE_MAX}>
        {({ id, describedBy, invalid }) => (
          <Textarea id={id} name="note" defaultValue={kept?.note} maxLength={INVITATION_NOTE_MAX} className="min-h-28" placeholder={t("notePlaceholder")} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <FormMessage status={state.status} message={state.message} />
      <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
    </form>
  );
}

/** Withdraws an open invitation: its link then says it no longer holds. */
export function WithdrawInvitationForm({ refId, name }: { refId: string; name: string }) {
  const t = useTranslations("share.invitations");
  const [state, formAction] = useActionState(withdrawInvitationAction, idle);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="refId" value={refId} />
      <SubmitButton variant="ghost" size="sm" aria-label={t("withdrawNamed", { name })}>{t("withdraw")}</SubmitButton>
      {state.status === "error" ? <span role="alert" className="text-sm text-accent">{state.message}</span> : null}
    </form>
  );
}
