import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CauseForm } from "@/components/cause/cause-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("newCause") };
}

export default async function NewCausePage() {
  await requireUser("/dashboard/new");
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale()]);
  return (
    <div className="max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold">{t("newCause")}</h1>
        <p className="text-muted">{t("newLead")}</p>
      </header>
      <Card>
        <CauseForm initial={{ title: "", slug: "", summary: "", body: "", tags: "", language: locale, pushBudget: "3" }} />
      </Card>
    </div>
  );
}
