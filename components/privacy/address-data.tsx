import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { forgetAddressAction } from "@/lib/privacy/actions";
import { DeleteConfirmForm } from "./delete-confirm-form";

/**
 * "Your data" on the settings page an email-only follower reaches from any mail: everything about
 * the address as one download, and forgetting the address altogether.
 */
export async function AddressData({ token, address }: { token: string; address: string }) {
  const t = await getTranslations("privacy.address");
  return (
    <Card className="space-y-4" data-testid="address-data">
      <h2 className="text-2xl font-semibold">{t("title")}</h2>
      <p className="text-sm text-muted">{t("lead", { address })}</p>
      <a
        href={`/api/email/export?token=${encodeURIComponent(token)}`}
        className="inline-block text-sm font-medium text-accent underline underline-offset-4"
        data-testid="address-export"
      >
        {t("download")}
      </a>
      <div className="space-y-3 border-t border-line pt-4">
        <h3 className="text-lg font-semibold">{t("forgetTitle")}</h3>
        <p className="text-sm">{t("forgetText")}</p>
        <DeleteConfirmForm action={forgetAddressAction} fields={{ token }} button={t("forgetButton")} testId="forget-address" />
      </div>
    </Card>
  );
}
