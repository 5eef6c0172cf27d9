import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LegalPageView } from "@/components/legal/legal-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("datenschutz") };
}

/** The operator's datenschutz (Markdown in LEGAL_DIR; see deploy/legal/ for the template). */
export default function DatenschutzPage() {
  return <LegalPageView page="datenschutz" />;
}
