import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import type { LegalPage, readLegalPage } from "@/lib/legal/pages";
import { renderMarkdown } from "@/lib/markdown";

/** An operator's legal page (read by the route from LEGAL_DIR), or a plain note that it is missing. */
export async function LegalPageView({ page, found }: { page: LegalPage; found: Awaited<ReturnType<typeof readLegalPage>> }) {
  const [t, locale] = await Promise.all([getTranslations("legal"), getLocale()]);
  if (!found) {
    return (
      <div className="max-w-3xl space-y-6">
        <h1 className="text-4xl font-semibold">{t(page)}</h1>
        <EmptyState title={t("missingTitle")}>{t("missingText")}</EmptyState>
      </div>
    );
  }
  return (
    <article className="max-w-3xl space-y-6" lang={found.locale}>
      {found.template ? (
        <p role="note" className="rounded-xl bg-accent-soft px-4 py-3 text-sm font-medium text-accent-strong">{t("templateBanner")}</p>
      ) : null}
      <h1 className="text-4xl font-semibold">{t(page)}</h1>
      {found.locale !== locale ? <p className="text-sm text-muted">{t("germanOnly")}</p> : null}
      <div className="prose-cause" dangerouslySetInnerHTML={{ __html: renderMarkdown(found.markdown) }} />
    </article>
  );
}
