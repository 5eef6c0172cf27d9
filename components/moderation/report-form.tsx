"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/action";
import { fileReportAction } from "@/lib/moderation/actions";
import { REPORT_NOTE_MAX, REPORT_REASONS } from "@/lib/moderation/rules";
import { Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const idle: ActionState = { status: "idle" };

/**
 * "Report" under a cause, update or group: closed by default and quiet, so it never competes with
 * Follow. Works signed out; the reporter only ever sees a thank-you, the reported party nothing.
 */
export function ReportForm({ target, kind }: { target: string; kind: "cause" | "update" | "group" }) {
  const t = useTranslations("moderation.report");
  const [state, formAction] = useActionState(fileReportAction, idle);
  const id = useId();
  const reasonError = state.fieldErrors?.reason;
  const noteError = state.fieldErrors?.note;
  return (
    <details className="group max-w-3xl rounded-2xl border border-line px-4 py-3 text-sm open:bg-card" data-testid="report">
      <summary className="cursor-pointer text-muted marker:text-muted hover:text-ink">{t(`summary.${kind}`)}</summary>
      {state.status === "ok" ? (
        <div className="pt-3"><FormMessage status="ok" message={state.message} /></div>
      ) : (
        <form action={formAction} className="space-y-4 pt-3">
          <input type="hidden" name="target" value={target} />
          <p className="text-muted">{t("lead")}</p>
          <fieldset className="space-y-2" aria-describedby={reasonError ? `${id}-reason-error` : undefined}>
            <legend className="pb-1 font-semibold">{t("reasonLegend")}</legend>
            {REPORT_REASONS.map((reason) => (
              <label key={reason} className="flex items-start gap-2.5">
                <input type="radio" name="reason" value={reason} required className="mt-1 size-4 shrink-0 accent-accent" defaultChecked={state.values?.reason === reason} />
                <span>
                  <span className="font-medium">{t(`reason.${reason}`)}</span>
                  <span className="block text-muted">{t(`reasonHint.${reason}`)}</span>
                </span>
              </label>
            ))}
            {reasonError ? <p id={`${id}-reason-error`} role="alert" className="font-medium text-accent">{reasonError.join(" ")}</p> : null}
          </fieldset>
          <div className="space-y-1.5">
            <label htmlFor={`${id}-note`} className="block font-semibold">{t("noteLabel")}</label>
            <Textarea
              id={`${id}-note`}
              name="note"
              maxLength={REPORT_NOTE_MAX}
              defaultValue={state.values?.note}
              className="min-h-24"
              aria-describedby={`${id}-note-hint${noteError ? ` ${id}-note-error` : ""}`}
              aria-invalid={Boolean(noteError)}
            />
            <p id={`${id}-note-hint`} className="text-muted">{t("noteHint", { max: REPORT_NOTE_MAX })}</p>
            {noteError ? <p id={`${id}-note-error`} role="alert" className="font-medium text-accent">{noteError.join(" ")}</p> : null}
          </div>
          {state.status === "error" && !reasonError && !noteError ? <FormMessage status="error" message={state.message} /> : null}
          <SubmitButton variant="secondary" size="sm" pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
        </form>
      )}
    </details>
  );
}
