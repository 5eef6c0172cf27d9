"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/action";
import { requestEmailFollowAction } from "@/lib/subscription/email/actions";
import { Field, Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { EMAIL_MAX } from "@/lib/email-address";

type Props = {
  /** What is followed: a cause or a partner group. */
  target: { topicId: string } | { groupId: string };
  /** The page the follow starts on, recorded in the consent ledger. */
  source: string;
  shareRef?: string;
};

const idle: ActionState = { status: "idle" };

/**
 * Follow by email without an account: one address, the consent text, one confirmation mail.
 * A secondary path under the page's one primary action (Follow), folded until opened.
 * Works without JavaScript; with it, the browser's time zone is filled in.
 */
export function EmailFollowForm({ target, source, shareRef }: Props) {
  const t = useTranslations("email.follow");
  const [state, formAction] = useActionState(requestEmailFollowAction, idle, source);
  const zone = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (zone.current) zone.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  }, [state]);
  const errors = state.fieldErrors ?? {};

  return (
    <details className="group border-t border-line pt-3" open={state.status !== "idle" ? true : undefined} data-testid="email-follow">
      <summary className="cursor-pointer rounded-md text-sm font-medium text-accent underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent">
        {t("summary")}
      </summary>
      <form action={formAction} className="mt-4 space-y-3" noValidate key={state.status === "error" ? JSON.stringify(state.values) : "form"}>
        {Object.entries(target).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="source" value={source} />
        {shareRef ? <input type="hidden" name="ref" value={shareRef} /> : null}
        <input ref={zone} type="hidden" name="timeZone" defaultValue="" />
        {state.status === "ok" ? <FormMessage status="ok" message={state.message} /> : null}
        <Field name="email" label={t("label")} errors={errors.email} hint={t("consent")}>
          {({ id, describedBy, invalid }) => (
            <div className="flex flex-col gap-2 sm:flex-row">
              <Input
                id={id}
                name="email"
                type="email"
                autoComplete="email"
                required
                maxLength={EMAIL_MAX}
                defaultValue={state.status === "error" ? state.values?.email : ""}
                placeholder="name@example.org"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className="sm:max-w-80"
              />
              <SubmitButton variant="secondary" pendingLabel={t("sending")} className="shrink-0">
                {t("submit")}
              </SubmitButton>
            </div>
          )}
        </Field>
        {state.status === "error" && !errors.email ? <FormMessage status="error" message={state.message} /> : null}
      </form>
    </details>
  );
}
