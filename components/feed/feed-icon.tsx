/** The familiar feed symbol (a dot and two arcs), in the accent colour; decorative only. */
export function FeedIcon({ className = "h-5 w-5" }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className={className} fill="currentColor">
      <circle cx="6" cy="18" r="2.2" />
      <path d="M4 10.5a9.5 9.5 0 0 1 9.5 9.5h-2.6A6.9 6.9 0 0 0 4 13.1z" />
      <path d="M4 4.5A15.5 15.5 0 0 1 19.5 20h-2.6A12.9 12.9 0 0 0 4 7.1z" />
    </svg>
  );
}
