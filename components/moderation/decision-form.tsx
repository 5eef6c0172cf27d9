"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/action";
import { moderationDecisionAction } from "@/lib/moderation/actions";
import { DECISION_REASON_MAX } from "@/lib/moderation/rules";
import { Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

type Decision = "dismiss" | "hide_update" | "unhide_update" | "suspend_cause" | "lift_cause" | "suspend_group" | "lift_group" | "suspend_account" | "lift_account";

/**
 * An operator decides about one target: one of the decisions offered, always with a reason (it
 * goes into the append-only log, and suspensions show it to the publisher).
 */
export function DecisionForm({ target, userId, decisions }: { target?: string; userId?: string; decisions: Decision[] }) {
  const t = useTranslations("moderation.decision");
  const [state, formAction] = useActionState(moderationDecisionAction, idle);
  const id = useId();
  const reasonError = state.fieldErrors?.reason;
  const decisionError = state.fieldErrors?.decision;
  const single = decisions.length === 1;
  return (
    <form action={formAction} className="space-y-3" data-testid="decision-form">
      {target ? <input type="hidden" name="target" value={target} /> : null}
      {userId ? <input type="hidden" name="userId" value={userId} /> : null}
      {single ? (
        <input type="hidden" name="decision" value={decisions[0]} />
      ) : (
        <fieldset className="space-y-1.5">
          <legend className="pb-1 text-sm font-semibold">{t("legend")}</legend>
          {decisions.map((decision) => (
            <label key={decision} className="flex items-center gap-2.5 text-sm">
              {/* Nothing is preselected: a suspension must be chosen, never the default. */}
              <input type="radio" name="decision" value={decision} required defaultChecked={state.values?.decision === decision} className="size-4 shrink-0 accent-accent" />
              {t(`option.${decision}`)}
            </label>
          ))}
          {decisionError ? <p role="alert" className="text-sm font-medium text-accent">{decisionError.join(" ")}</p> : null}
        </fieldset>
      )}
      <div className="space-y-1.5">
        <label htmlFor={`${id}-reason`} className="block text-sm font-semibold">{t("reasonLabel")}</label>
        <Textarea
          id={`${id}-reason`}
          name="reason"
          required
          maxLength={DECISION_REASON_MAX}
          className="min-h-20 text-sm"
          defaultValue={state.status === "error" ? state.values?.reason : undefined}
          aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ""}`}
          aria-invalid={Boolean(reasonError)}
        />
        <p id={`${id}-reason-hint`} className="text-sm text-muted">{t("reasonHint")}</p>
        {reasonError ? <p id={`${id}-reason-error`} role="alert" className="text-sm font-medium text-accent">{reasonError.join(" ")}</p> : null}
      </div>
      <SubmitButton variant={single ? "secondary" : "primary"} size="sm" pendingLabel={t("working")}>
        {single ? t(`option.${decisions[0]}`) : t("submit")}
      </SubmitButton>
      {!reasonError && !decisionError ? <FormMessage status={state.status} message={state.message} /> : null}
    </form>
  );
}
