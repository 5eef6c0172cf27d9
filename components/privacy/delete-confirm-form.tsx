"use client";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/action";
import { DELETE_CONFIRMATION } from "@/lib/privacy/rules";
import { Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields?: Record<string, string>;
  button: string;
  testId: string;
};

/** One confirmed step for something that cannot be undone: type the word, press the button. */
export function DeleteConfirmForm({ action, fields = {}, button, testId }: Props) {
  const t = useTranslations("privacy.confirm");
  const locale = useLocale();
  const word = locale === "de" ? DELETE_CONFIRMATION.de : DELETE_CONFIRMATION.en;
  const [state, formAction] = useActionState(action, { status: "idle" } as ActionState);
  const id = useId();
  const error = state.fieldErrors?.confirm;
  return (
    <form action={formAction} className="space-y-3" data-testid={testId}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={`${id}-confirm`} className="block text-sm font-semibold">{t("label", { word })}</label>
      <Input
        id={`${id}-confirm`}
        name="confirm"
        autoComplete="off"
        required
        className="block max-w-xs"
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={Boolean(error)}
      />
      {error ? <p id={`${id}-error`} role="alert" className="text-sm font-medium text-accent">{t("wrong", { word })}</p> : null}
      {state.status === "error" && !error ? <FormMessage status="error" message={state.message} /> : null}
      <SubmitButton variant="primary" pendingLabel={t("working")}>{button}</SubmitButton>
    </form>
  );
}
