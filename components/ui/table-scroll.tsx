import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A table that may be wider than a phone: it scrolls sideways inside its own region, which a
 * keyboard can reach (Tab, then the arrow keys) and a screen reader can name.
 */
export function TableScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn("overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent", className)}>
      {children}
    </div>
  );
}

/**
 * "Show as table": the numbers behind a chart, folded away until asked for, with an optional note
 * on how to read them. Every chart of Ursachenforschung has one.
 */
export function ShowAsTable({ summary, label, note, children }: { summary: string; label: string; note?: ReactNode; children: ReactNode }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium">{summary}</summary>
      {note ? <p className="mt-2 text-muted">{note}</p> : null}
      <TableScroll label={label} className="mt-3">
        {children}
      </TableScroll>
    </details>
  );
}
