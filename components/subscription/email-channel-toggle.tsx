"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/action";
import { setEmailChannelAction } from "@/lib/subscription/email/actions";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  subscriptionId: string;
  title: string;
  /** Mails are on (or waiting for confirmation) for this subscription. */
  byEmail: boolean;
  source: string;
};

const idle: ActionState = { status: "idle" };

/** Signed-in "Also by email" next to Follow and on the list; the same button turns mails off again. */
export function EmailChannelToggle({ subscriptionId, title, byEmail, source }: Props) {
  const t = useTranslations("email.channel");
  const [state, formAction] = useActionState(setEmailChannelAction, idle, source);
  // Mails follow this device's clock from the start (without JavaScript: the app's default zone).
  const zone = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (zone.current) zone.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  }, [state]);
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="channel" value={byEmail ? "web" : "email"} />
      <input type="hidden" name="source" value={source} />
      {byEmail ? null : <input ref={zone} type="hidden" name="timeZone" defaultValue="" />}
      <SubmitButton
        variant={byEmail ? "ghost" : "secondary"}
        size="sm"
        aria-pressed={byEmail}
        aria-label={t(byEmail ? "feedOnlyNamed" : "alsoByEmailNamed", { title })}
        data-testid="email-channel-toggle"
      >
        {t(byEmail ? "feedOnly" : "alsoByEmail")}
      </SubmitButton>
      {state.message ? (
        <span role={state.status === "error" ? "alert" : "status"} className={state.status === "error" ? "text-sm text-accent" : "text-sm text-muted"}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
