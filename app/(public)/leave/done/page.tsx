import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getCauseBySlug } from "@/lib/topic/queries";

export const metadata: Metadata = { robots: { index: false } };

export default async function LeaveDonePage({ searchParams }: { searchParams: Promise<{ cause?: string | string[] }> }) {
  const { cause: slug } = await searchParams;
  const t = await getTranslations("leave");
  const cause = typeof slug === "string" && slug.length <= 60 ? await getCauseBySlug(slug) : null;
  return (
    <Card className="mx-auto max-w-xl space-y-4" data-testid="leave-done">
      <h1 className="text-3xl font-semibold">{cause ? t("doneTitle", { title: cause.title }) : t("doneTitleGeneric")}</h1>
      <p className="text-muted">{t("doneText")}</p>
      {cause ? (
        <ButtonLink href={`/c/${cause.slug}`} variant="secondary">{t("followAgain")}</ButtonLink>
      ) : null}
    </Card>
  );
}
