/** Placeholder while a page loads: calm blocks in the shape of a heading and cards. */
export function PageSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-live="polite">
      <div className="h-10 w-2/3 animate-pulse rounded-xl bg-line/70" />
      <div className="h-5 w-1/2 animate-pulse rounded-xl bg-line/60" />
      <div className="grid gap-4 pt-4 sm:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-40 animate-pulse rounded-2xl bg-line/50" />
        ))}
      </div>
    </div>
  );
}
