"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { SubmitButton } from "./submit-button";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  ariaLabel?: string;
  variant?: "primary" | "secondary" | "ghost" | "quiet";
  testId?: string;
  size?: "sm" | "md";
};

/** A one-button form for a single server action (leave, remove, withdraw…), with its error inline. */
export function ActionButton({ action, fields, label, ariaLabel, variant = "secondary", testId, size = "sm" }: Props) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} size={size} aria-label={ariaLabel} data-testid={testId}>
        {label}
      </SubmitButton>
      {state.status === "error" && state.message ? <span role="alert" className="text-sm text-accent">{state.message}</span> : null}
      {state.status === "ok" && state.message ? <span role="status" className="text-sm text-muted">{state.message}</span> : null}
    </form>
  );
}
