import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LegalPageView } from "@/components/legal/legal-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("impressum") };
}

/** The operator's impressum (Markdown in LEGAL_DIR; see deploy/legal/ for the template). */
export default function ImpressumPage() {
  return <LegalPageView page="impressum" />;
}
