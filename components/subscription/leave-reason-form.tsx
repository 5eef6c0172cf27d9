"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { leaveReasonAction } from "@/lib/subscription/email/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const REASONS = ["tooMany", "notRelevant", "neverAsked", "other"] as const;
const idle: ActionState = { status: "idle" };

/** The optional "why?" after leaving: never a gate, one answer, counted in aggregate only. */
export function LeaveReasonForm({ token, skipHref }: { token: string; skipHref: string }) {
  const t = useTranslations("email.leaveReason");
  const [state, formAction] = useActionState(leaveReasonAction, idle);
  if (state.status === "ok") return <FormMessage status="ok" message={state.message} />;
  const error = state.fieldErrors?.reason ?? (state.status === "error" && state.message ? [state.message] : undefined);
  return (
    <form action={formAction} className="space-y-4 border-t border-line pt-5" data-testid="leave-reason">
      <input type="hidden" name="token" value={token} />
      <fieldset className="space-y-2" aria-describedby={error ? "reason-error" : "reason-lead"}>
        <legend className="text-lg font-semibold">{t("title")}</legend>
        <p id="reason-lead" className="pb-1 text-sm text-muted">{t("lead")}</p>
        {REASONS.map((reason) => (
          <label key={reason} className="flex items-center gap-2.5">
            <input type="radio" name="reason" value={reason} className="size-4 shrink-0 accent-accent" />
            {t(`reason.${reason}`)}
          </label>
        ))}
        {error ? <p id="reason-error" role="alert" className="text-sm font-medium text-accent">{error.join(" ")}</p> : null}
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton variant="secondary" size="sm">{t("submit")}</SubmitButton>
        <a href={skipHref} className="text-sm text-muted underline-offset-4 hover:text-ink hover:underline">{t("skip")}</a>
      </div>
    </form>
  );
}
