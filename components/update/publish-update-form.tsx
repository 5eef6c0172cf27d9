"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { publishUpdateAction } from "@/lib/update/actions";
import { UPDATE_BODY_MAX, UPDATE_TITLE_MAX } from "@/lib/update/schema";
import { Field, Input, Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useOwnMessage } from "@/components/ui/use-own-message";

const idle: ActionState = { status: "idle" };

export function PublishUpdateForm({ topicId }: { topicId: string }) {
  const t = useTranslations("updateForm");
  const [state, formAction] = useActionState(publishUpdateAction, idle);
  const [message, form] = useOwnMessage(state);
  const errors = state.fieldErrors ?? {};
  // After a successful publish the form starts empty; after an error it keeps what was typed.
  const kept = state.status === "error" ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-5" noValidate key={state.status === "ok" ? state.values?.updateId : "form"} ref={form}>
      <input type="hidden" name="topicId" value={topicId} />
      <input type="hidden" name="kind" value="news" />
      <FormMessage status={state.status} message={message} />
      <Field form="update" name="title" label={t("title")} errors={errors.title} max={UPDATE_TITLE_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="title" defaultValue={kept?.title} maxLength={UPDATE_TITLE_MAX} required aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field form="update" name="body" label={t("body")} errors={errors.body} hint={t("bodyHint")} max={UPDATE_BODY_MAX}>
        {({ id, describedBy, invalid }) => (
          <Textarea id={id} name="body" defaultValue={kept?.body} maxLength={UPDATE_BODY_MAX} className="min-h-40" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <p className="text-sm text-muted">{t("noSend")}</p>
      <SubmitButton pendingLabel={t("publishing")}>{t("publish")}</SubmitButton>
    </form>
  );
}
