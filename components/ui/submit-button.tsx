"use client";
import { useFormStatus } from "react-dom";
import type { ComponentProps } from "react";
import { Button } from "./button";

/**
 * A submit button that shows it is working and cannot be pressed twice. While the form is sent it
 * is aria-disabled, not disabled: a disabled button drops the keyboard focus to the page's start.
 */
export function SubmitButton({
  pendingLabel,
  children,
  onClick,
  ...props
}: ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      aria-disabled={pending || undefined}
      aria-busy={pending}
      onClick={(event) => (pending ? event.preventDefault() : onClick?.(event))}
      {...props}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
