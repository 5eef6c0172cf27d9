"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { inviteCauseAction } from "@/lib/group/actions";
import { Field, Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** A personal note with the invitation: the invited owner reads it before they decide. */
export function InviteForm({ groupId, topicId, causeTitle, noteMax }: { groupId: string; topicId: string; causeTitle: string; noteMax: number }) {
  const t = useTranslations("groups.manage");
  const [state, formAction] = useActionState(inviteCauseAction, { status: "idle" } as ActionState);
  if (state.status === "ok") return <FormMessage status="ok" message={state.message} />;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="topicId" value={topicId} />
      <Field name={`note-${topicId}`} label={t("noteLabel", { title: causeTitle })} hint={t("noteHint", { max: noteMax })} errors={state.fieldErrors?.note} max={noteMax}>
        {({ id, describedBy, invalid }) => (
          <Textarea id={id} name="note" defaultValue={state.values?.note} maxLength={noteMax} className="min-h-24 text-sm" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      {state.status === "error" && !state.fieldErrors?.note ? <FormMessage status="error" message={state.message} /> : null}
      <SubmitButton size="sm">{t("invite")}</SubmitButton>
    </form>
  );
}
