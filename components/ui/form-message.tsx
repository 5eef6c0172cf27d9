import { cn } from "./cn";

/** The summary line of a form after submit: success in ink, errors in the accent colour. */
export function FormMessage({ status, message }: { status: "idle" | "ok" | "error"; message?: string }) {
  if (!message) return null;
  return (
    <p
      role={status === "error" ? "alert" : "status"}
      className={cn(
        "rounded-xl px-4 py-3 text-sm font-medium",
        status === "error" ? "bg-accent-soft text-accent-strong" : "bg-line/60 text-ink",
      )}
    >
      {message}
    </p>
  );
}
