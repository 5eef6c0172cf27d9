import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { robots: { index: false } };

/** After "Delete my account": nothing of the account is left, and the page says so. */
export default async function AccountDeletedPage() {
  const t = await getTranslations("privacy.deleted");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center" data-testid="account-deleted">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p className="text-muted">{t("text")}</p>
      <ButtonLink href="/" variant="secondary">{t("home")}</ButtonLink>
    </div>
  );
}
