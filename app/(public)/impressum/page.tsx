import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { LegalPageView } from "@/components/legal/legal-page";
import { isLocale } from "@/lib/i18n/config";
import { readLegalPage } from "@/lib/legal/pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("impressum") };
}

/** The operator's impressum (Markdown in LEGAL_DIR; see deploy/legal/ for the template). */
export default async function ImpressumPage() {
  const locale = await getLocale();
  return <LegalPageView page="impressum" found={await readLegalPage("impressum", isLocale(locale) ? locale : "de")} />;
}
