"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { createShareRefAction } from "@/lib/share/actions";
import { REF_LABEL_MAX } from "@/lib/share/schema";
import { Field, Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

export function CreateRefForm({ topicId }: { topicId: string }) {
  const t = useTranslations("share");
  const [state, formAction] = useActionState(createShareRefAction, idle);
  return (
    <form action={formAction} className="space-y-4" noValidate key={state.status === "ok" ? state.values?.refId : "form"}>
      <input type="hidden" name="topicId" value={topicId} />
      <Field name="label" label={t("whereLabel")} hint={t("whereHint")} errors={state.fieldErrors?.label} max={REF_LABEL_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            name="label"
            defaultValue={state.status === "error" ? state.values?.label : undefined}
            placeholder={t("wherePlaceholder")}
            maxLength={REF_LABEL_MAX}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <FormMessage status={state.status} message={state.message} />
      <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
    </form>
  );
}
