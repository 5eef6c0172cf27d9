"use client";
import { useEffect, useState } from "react";
import { cn } from "./cn";

// Long fields show their count only when it matters; short ones (titles, names) always.
const ALWAYS_UP_TO = 300;
const NEAR = 0.9;

/**
 * "37 / 120" next to a field's label, so the browser's maxLength never stops typing without a
 * word. Reads the field itself (its id), so the form stays uncontrolled; announced to screen
 * readers once the limit is near.
 */
export function CharacterCount({ target, max }: { target: string; max: number }) {
  const [length, setLength] = useState<number | null>(null);
  useEffect(() => {
    const field = document.getElementById(target) as HTMLInputElement | HTMLTextAreaElement | null;
    if (!field) return;
    const update = () => setLength(field.value.length);
    update();
    field.addEventListener("input", update);
    // A form reset (after a successful post) empties the field without an input event.
    field.form?.addEventListener("reset", () => setTimeout(update));
    return () => field.removeEventListener("input", update);
  }, [target]);
  if (length === null) return null;
  const near = length >= max * NEAR;
  if (max > ALWAYS_UP_TO && !near) return null;
  return (
    <span
      className={cn("text-xs tabular-nums", length >= max ? "font-semibold text-accent" : near ? "text-ink" : "text-muted")}
      aria-live={near ? "polite" : "off"}
      data-testid={`${target}-count`}
    >
      {length.toLocaleString()} / {max.toLocaleString()}
    </span>
  );
}
