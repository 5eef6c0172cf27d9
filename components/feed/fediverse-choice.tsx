import { getTranslations } from "next-intl/server";
import { fediverseHandle } from "@/lib/fediverse/links";
import { Explainer } from "@/components/ui/explainer";
import { CopyField } from "./copy-field";

/**
 * "Follow from the fediverse": the cause's or group's handle (@slug@host) to search for in
 * Mastodon or another fediverse app. Following happens there, by the reader's own click; this page
 * only shows the address.
 */
export async function FediverseChoice({ kind, slug, title }: { kind: "cause" | "group"; slug: string; title: string }) {
  const t = await getTranslations("feeds.fediverse");
  return (
    <section aria-labelledby="fediverse-choice-heading" className="space-y-4 rounded-2xl border border-line p-5" data-testid="fediverse-choice">
      <div className="flex gap-3">
        <span className="mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-accent-soft text-accent" aria-hidden>
          <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
            <circle cx="10" cy="4" r="2" />
            <circle cx="4" cy="15" r="2" />
            <circle cx="16" cy="15" r="2" />
            <path d="M9 5.8 5 13.2M11 5.8l4 7.4M6 15h8" />
          </svg>
        </span>
        <div className="min-w-0 space-y-1">
          <h2 id="fediverse-choice-heading" className="font-sans text-base font-semibold tracking-normal">
            {t("heading")}
          </h2>
          <p className="text-sm text-muted">{t("lead")}</p>
        </div>
      </div>
      <CopyField label={t("handleLabel", { title })} value={fediverseHandle(kind, slug)} testId="fediverse-handle" copiedMessage={t("copied")} />
      <Explainer summary={t("explainSummary")}>
        <p>{t("explainWhat")}</p>
        <p>{t("explainPrivacy")}</p>
      </Explainer>
    </section>
  );
}
