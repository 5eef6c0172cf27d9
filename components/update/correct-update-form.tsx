"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/action";
import { correctUpdateAction, deleteUpdateAction } from "@/lib/update/actions";
import { CORRECTION_NOTE_MAX, UPDATE_BODY_MAX, UPDATE_TITLE_MAX } from "@/lib/update/schema";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { ScheduleFields, type ScheduleValues } from "./schedule-fields";

const idle: ActionState = { status: "idle" };

/** New wording for a published update, with the note readers see next to "Corrected on …". */
type Props = {
  update: { id: string; kind: string; title: string; body: string; correctionNote: string };
  /** An event's or call's current times, place and link (a postponed date is a correction too). */
  schedule: ScheduleValues;
  timeZones: { zone: string; label: string }[];
};

export function CorrectUpdateForm({ update, schedule, timeZones }: Props) {
  const t = useTranslations("correctUpdate");
  const tf = useTranslations("updateForm");
  const [state, formAction] = useActionState(correctUpdateAction, idle);
  const errors = state.fieldErrors ?? {};
  const value = (name: "title" | "body" | "note", fallback: string) => state.values?.[name] ?? fallback;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="updateId" value={update.id} />
      <input type="hidden" name="kind" value={update.kind} />
      {state.status === "error" ? <FormMessage status="error" message={state.message} /> : null}
      <Field name="title" label={tf("title")} errors={errors.title} max={UPDATE_TITLE_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="title" defaultValue={value("title", update.title)} maxLength={UPDATE_TITLE_MAX} required aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      {update.kind === "event" || update.kind === "call" ? (
        <ScheduleFields
          kind={update.kind}
          values={Object.fromEntries(Object.entries(schedule).map(([key, fallback]) => [key, state.values?.[key] ?? fallback])) as ScheduleValues}
          errors={errors}
          timeZones={timeZones}
        />
      ) : null}
      <Field name="body" label={tf("body")} errors={errors.body} hint={tf("bodyHint")} max={UPDATE_BODY_MAX}>
        {({ id, describedBy, invalid }) => (
          <Textarea id={id} name="body" defaultValue={value("body", update.body)} maxLength={UPDATE_BODY_MAX} className="min-h-40" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field name="note" label={t("noteLabel")} errors={errors.note} hint={t("noteHint")} max={CORRECTION_NOTE_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="note" defaultValue={value("note", "")} maxLength={CORRECTION_NOTE_MAX} required placeholder={t("notePlaceholder")} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <p className="text-sm text-muted">{t("noBudget")}</p>
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}

/** Deleting asks once more on the page itself; the second button deletes. */
export function DeleteUpdateForm({ updateId }: { updateId: string }) {
  const t = useTranslations("correctUpdate");
  const [state, formAction] = useActionState(deleteUpdateAction, idle);
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button type="button" variant="secondary" size="sm" onClick={() => setAsking(true)} data-testid="delete-update">
        {t("delete")}
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-3" role="group" aria-labelledby="delete-confirm">
      <input type="hidden" name="updateId" value={updateId} />
      <p id="delete-confirm" className="text-sm font-medium">{t("deleteConfirm")}</p>
      <div className="flex flex-wrap gap-3">
        <SubmitButton size="sm">{t("deleteYes")}</SubmitButton>
        {/* Focus on the harmless answer. */}
        <Button type="button" size="sm" variant="ghost" onClick={() => setAsking(false)} autoFocus>{t("cancel")}</Button>
      </div>
      {state.status === "error" ? <FormMessage status="error" message={state.message} /> : null}
    </form>
  );
}
