"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/action";
import { appealAction } from "@/lib/moderation/actions";
import { APPEAL_MAX } from "@/lib/moderation/rules";
import { Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

/** The publisher's one appeal: a note to the operators, who can lift the suspension. */
export function AppealForm({ target }: { target: string }) {
  const t = useTranslations("moderation.appeal");
  const [state, formAction] = useActionState(appealAction, idle);
  const id = useId();
  const error = state.fieldErrors?.note;
  if (state.status === "ok") return <FormMessage status="ok" message={state.message} />;
  return (
    <form action={formAction} className="space-y-2" data-testid="appeal-form">
      <input type="hidden" name="target" value={target} />
      <label htmlFor={`${id}-note`} className="block text-sm font-semibold">{t("label")}</label>
      <Textarea
        id={`${id}-note`}
        name="note"
        required
        maxLength={APPEAL_MAX}
        className="min-h-24 text-sm"
        defaultValue={state.values?.note}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-invalid={Boolean(error)}
      />
      <p id={`${id}-hint`} className="text-sm text-muted">{t("hint")}</p>
      {error ? <p id={`${id}-error`} role="alert" className="text-sm font-medium text-accent">{error.join(" ")}</p> : null}
      {state.status === "error" && !error ? <FormMessage status="error" message={state.message} /> : null}
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
