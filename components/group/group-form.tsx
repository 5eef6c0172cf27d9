"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { createGroupAction } from "@/lib/group/actions";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CONCERN_MAX, GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from "@/lib/group/rules";

const idle: ActionState = { status: "idle" };

/** Start a partner group from one of your published causes; it is the group's first member. */
export function GroupForm({ causes, language }: { causes: { id: string; title: string }[]; language: string }) {
  const t = useTranslations("groups.form");
  const [state, formAction] = useActionState(createGroupAction, idle);
  const value = (name: string, fallback = "") => state.values?.[name] ?? fallback;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-6" noValidate key={JSON.stringify(state.values ?? {})}>
      <FormMessage status={state.status} message={state.message} />
      <Field name="topicId" label={t("founding")} hint={t("foundingHint")} errors={errors.topicId}>
        {({ id, describedBy, invalid }) => (
          <Select id={id} name="topicId" defaultValue={value("topicId", causes[0]?.id)} aria-describedby={describedBy} aria-invalid={invalid}>
            {causes.map((cause) => (
              <option key={cause.id} value={cause.id}>{cause.title}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field name="name" label={t("name")} errors={errors.name} max={GROUP_NAME_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="name" defaultValue={value("name")} maxLength={GROUP_NAME_MAX} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field name="slug" label={t("slug")} hint={t("slugHint")} errors={errors.slug}>
        {({ id, describedBy, invalid }) => (
          <div className="flex items-center">
            <span className="pr-2 text-sm text-muted">/g/</span>
            <Input id={id} name="slug" defaultValue={value("slug")} maxLength={60} aria-describedby={describedBy} aria-invalid={invalid} autoCapitalize="none" spellCheck={false} />
          </div>
        )}
      </Field>
      <Field name="concern" label={t("concern")} hint={t("concernHint")} errors={errors.concern} max={CONCERN_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="concern" defaultValue={value("concern")} maxLength={CONCERN_MAX} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field name="description" label={t("description")} hint={t("descriptionHint")} errors={errors.description} max={GROUP_DESCRIPTION_MAX}>
        {({ id, describedBy, invalid }) => (
          <Textarea id={id} name="description" defaultValue={value("description")} maxLength={GROUP_DESCRIPTION_MAX} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <div className="grid gap-6 sm:grid-cols-2">
        <Field name="tags" label={t("tags")} hint={t("tagsHint")} errors={errors.tags}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} name="tags" defaultValue={value("tags")} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field name="language" label={t("language")} errors={errors.language}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} name="language" defaultValue={value("language", language)} aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </Select>
          )}
        </Field>
      </div>
      <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
    </form>
  );
}
