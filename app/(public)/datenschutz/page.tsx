import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { LegalPageView } from "@/components/legal/legal-page";
import { isLocale } from "@/lib/i18n/config";
import { readLegalPage } from "@/lib/legal/pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("datenschutz") };
}

/** The operator's datenschutz (Markdown in LEGAL_DIR; see deploy/legal/ for the template). */
export default async function DatenschutzPage() {
  const locale = await getLocale();
  return <LegalPageView page="datenschutz" found={await readLegalPage("datenschutz", isLocale(locale) ? locale : "de")} />;
}
