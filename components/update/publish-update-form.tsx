"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/action";
import { publishUpdateAction } from "@/lib/update/actions";
import { UPDATE_BODY_MAX, UPDATE_TITLE_MAX } from "@/lib/update/schema";
import { Field, Input, Textarea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useOwnMessage } from "@/components/ui/use-own-message";
import { ScheduleFields } from "./schedule-fields";

const idle: ActionState = { status: "idle" };
const KINDS = ["news", "event", "call"] as const;
type Kind = (typeof KINDS)[number];

type Props = { topicId: string; timeZones: { zone: string; label: string }[]; defaultTimeZone: string };

/** A new update: news, an event (when and where) or a call to action (until when). */
export function PublishUpdateForm({ topicId, timeZones, defaultTimeZone }: Props) {
  const t = useTranslations("updateForm");
  const [state, formAction] = useActionState(publishUpdateAction, idle);
  const [message, form] = useOwnMessage(state);
  const errors = state.fieldErrors ?? {};
  // After a successful publish the form starts empty; after an error it keeps what was typed.
  const kept = state.status === "error" ? state.values : undefined;
  const [kind, setKind] = useState<Kind>("news");
  const keptKind = KINDS.find((k) => k === kept?.kind);
  const shown = keptKind && state.status === "error" && kind === "news" ? keptKind : kind;
  const values = {
    startsAt: kept?.startsAt ?? "",
    endsAt: kept?.endsAt ?? "",
    place: kept?.place ?? "",
    deadline: kept?.deadline ?? "",
    callUrl: kept?.callUrl ?? "",
    timeZone: kept?.timeZone || defaultTimeZone,
  };
  return (
    <form action={formAction} className="space-y-5" noValidate key={state.status === "ok" ? state.values?.updateId : "form"} ref={form}>
      <input type="hidden" name="topicId" value={topicId} />
      <FormMessage status={state.status} message={message} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">{t("kindLegend")}</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {KINDS.map((k) => (
            <label
              key={k}
              className="flex cursor-pointer gap-2.5 rounded-xl border border-line p-3 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent"
            >
              <input type="radio" name="kind" value={k} checked={shown === k} onChange={() => setKind(k)} className="mt-0.5 accent-[var(--color-accent)]" />
              <span className="min-w-0">
                <span className="block font-semibold">{t(`kind.${k}`)}</span>
                <span className="block text-muted">{t(`kindHint.${k}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field form="update" name="title" label={t("title")} errors={errors.title} max={UPDATE_TITLE_MAX}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="title" defaultValue={kept?.title} maxLength={UPDATE_TITLE_MAX} required aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      {shown !== "news" ? <ScheduleFields key={shown} kind={shown} values={values} errors={errors} timeZones={timeZones} form="update" /> : null}
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
