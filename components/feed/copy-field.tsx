"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

type Props = {
  label: string;
  value: string;
  testId?: string;
  className?: string;
  /** What screen readers hear after copying (default: paste it into your feed reader). */
  copiedMessage?: string;
};

/**
 * A read-only address with a Copy button. The address wraps instead of being cut off (on a phone
 * the interesting end is what matters), selects itself on focus so copying by hand works too (also
 * without JavaScript), and the outcome is announced politely to screen readers.
 */
export function CopyField({ label, value, testId, className, copiedMessage }: Props) {
  const t = useTranslations("feeds.choice");
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 4000);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      // No clipboard access (older browsers, denied permission): select it for a manual copy.
      field.current?.select();
      setStatus("failed");
    }
  }

  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <div className="flex items-start gap-2">
        <textarea
          ref={field}
          id={id}
          readOnly
          rows={2}
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          data-testid={testId}
          className="field-sizing-content min-h-10 min-w-0 flex-1 resize-none rounded-xl border border-line bg-paper px-3 py-2 font-mono text-sm leading-snug break-all text-ink focus-visible:border-accent focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent"
        />
        <Button type="button" variant="secondary" size="sm" className="h-10 shrink-0" onClick={copy}>
          {status === "copied" ? <CheckIcon /> : <CopyIcon />}
          {status === "copied" ? t("copiedShort") : t("copy")}
        </Button>
      </div>
      <p aria-live="polite" className={status === "failed" ? "text-sm font-medium text-accent" : "sr-only"}>
        {status === "copied" ? (copiedMessage ?? t("copied")) : status === "failed" ? t("copyFailed") : ""}
      </p>
    </div>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
      <rect x="7" y="7" width="10" height="10" rx="2" />
      <path d="M13 7V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h2" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 text-accent" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="m4.5 10.5 3.5 3.5 7.5-8" />
    </svg>
  );
}
