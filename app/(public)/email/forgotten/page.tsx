import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { robots: { index: false } };

/** After "Forget this address": every follow of it is gone, and no link in old mails works any more. */
export default async function AddressForgottenPage() {
  const t = await getTranslations("privacy.forgotten");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center" data-testid="address-forgotten">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p className="text-muted">{t("text")}</p>
      <ButtonLink href="/explore" variant="secondary">{t("explore")}</ButtonLink>
    </div>
  );
}
