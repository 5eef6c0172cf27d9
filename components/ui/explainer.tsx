import type { ReactNode } from "react";

/** A short "What is …?" answer behind a chevron: closed by default, readable without JavaScript. */
export function Explainer({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="group border-t border-line pt-3 text-sm">
      <summary className="flex w-fit cursor-pointer list-none items-center gap-2 rounded font-medium text-ink hover:text-accent [&::-webkit-details-marker]:hidden">
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 transition-transform group-open:rotate-90" fill="currentColor">
          <path d="M7.5 4.5 13 10l-5.5 5.5-1.1-1.1L10.8 10 6.4 5.6z" />
        </svg>
        {summary}
      </summary>
      <div className="mt-3 max-w-[65ch] space-y-2 pl-6 text-muted">{children}</div>
    </details>
  );
}
