import type { ComponentProps, ReactNode } from "react";
import { CharacterCount } from "./character-count";
import { cn } from "./cn";

const control =
  "w-full rounded-xl border border-line bg-card px-3.5 py-2.5 text-ink placeholder:text-muted/70 focus-visible:border-accent focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent aria-[invalid=true]:border-accent";

type FieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  /** The field's maxLength: a counter next to the label says how much is left. */
  max?: number;
  /** Tells two forms on one page apart (their fields would share ids): "update" → field-update-title. */
  form?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
};

/** Label, control, hint and translated errors, wired with aria-describedby. */
export function Field({ name, label, hint, errors, max, form, children }: FieldProps) {
  const id = form ? `field-${form}-${name}` : `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="block text-sm font-semibold">
          {label}
        </label>
        {max ? <CharacterCount target={id} max={max} /> : null}
      </div>
      {children({ id, describedBy, invalid: Boolean(errorId) })}
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="text-sm font-medium text-accent" role="alert">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(control, className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(control, "min-h-32 leading-relaxed", className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(control, "appearance-auto", className)} {...props} />;
}
