import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <p className="font-serif text-6xl text-accent">404</p>
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p className="text-muted">{t("text")}</p>
      <ButtonLink href="/explore" variant="secondary">{t("explore")}</ButtonLink>
    </div>
  );
}
