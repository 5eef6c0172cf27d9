"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { createCauseAction, updateCauseAction } from "@/lib/topic/actions";
import { BODY_MAX, SUMMARY_MAX, TITLE_MAX } from "@/lib/topic/schema";
import { PUSH_BUDGET_MAX, PUSH_BUDGET_MIN } from "@/lib/update/rules";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

type CauseValues = { id?: string; title: string; slug: string; summary: string; body: string; tags: string; language: string; pushBudget: string };

const idle: ActionState = { status: "idle" };

/** Create or edit a cause. Errors appear next to their field; what was typed stays. */
export function CauseForm({ initial, slugLocked = false }: { initial: CauseValues; slugLocked?: boolean }) {
  const t = useTranslations("causeForm");
  const editing = Boolean(initial.id);
  const [state, formAction] = useActionState(editing ? updateCauseAction : createCauseAction, idle);
  const value = (name: keyof CauseValues) => state.values?.[name] ?? initial[name] ?? "";
  const errors = state.fieldErrors ?? {};

  return (
    // key: after a save React resets the form; remount it with the values just saved
    <form action={formAction} className="space-y-6" noValidate key={JSON.stringify(state.values ?? {})}>
      {editing ? <input type="hidden" name="topicId" value={initial.id} /> : null}
      <FormMessage status={state.status} message={state.message} />
      <Field name="title" label={t("title")} errors={errors.title} hint={t("titleHint")} max={TITLE_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="title" defaultValue={value("title")} maxLength={TITLE_MAX} required aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field name="slug" label={t("slug")} errors={errors.slug} hint={slugLocked ? t("slugHintLocked") : editing ? t("slugHintEdit") : t("slugHint")}>
        {({ id, describedBy, invalid }) => (
          <div className="flex items-center rounded-xl focus-within:outline-accent">
            <span className="pr-2 text-sm text-muted">/c/</span>
            <Input id={id} name="slug" defaultValue={value("slug")} maxLength={60} required={editing} readOnly={slugLocked} aria-describedby={describedBy} aria-invalid={invalid} autoCapitalize="none" spellCheck={false} />
          </div>
        )}
      </Field>
      <Field name="summary" label={t("summary")} errors={errors.summary} hint={t("summaryHint", { max: SUMMARY_MAX })} max={SUMMARY_MAX}>
        {({ id, describedBy, invalid }) => (
          <Textarea id={id} name="summary" defaultValue={value("summary")} maxLength={SUMMARY_MAX} className="min-h-20" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field name="body" label={t("body")} errors={errors.body} hint={t("bodyHint")} max={BODY_MAX}>
        {({ id, describedBy, invalid }) => (
          <Textarea id={id} name="body" defaultValue={value("body")} maxLength={BODY_MAX} className="min-h-64 font-mono text-sm" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <div className="grid gap-6 sm:grid-cols-2">
        <Field name="tags" label={t("tags")} errors={errors.tags} hint={t("tagsHint")}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} name="tags" defaultValue={value("tags")} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field name="language" label={t("language")} errors={errors.language}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} name="language" defaultValue={value("language")} aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </Select>
          )}
        </Field>
      </div>
      <Field name="pushBudget" label={t("pushBudget")} errors={errors.pushBudget} hint={t("pushBudgetHint")}>
        {({ id, describedBy, invalid }) => (
          <Select id={id} name="pushBudget" defaultValue={value("pushBudget")} className="sm:w-64" aria-describedby={describedBy} aria-invalid={invalid}>
            {Array.from({ length: PUSH_BUDGET_MAX - PUSH_BUDGET_MIN + 1 }, (_, i) => PUSH_BUDGET_MIN + i).map((n) => (
              <option key={n} value={n}>{t("pushBudgetOption", { count: n })}</option>
            ))}
          </Select>
        )}
      </Field>
      <SubmitButton pendingLabel={t("saving")}>{editing ? t("save") : t("create")}</SubmitButton>
    </form>
  );
}
