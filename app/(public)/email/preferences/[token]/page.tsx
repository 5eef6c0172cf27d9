import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AddressData } from "@/components/privacy/address-data";
import { EmailSettings } from "@/components/subscription/email-settings";
import { ActionButton } from "@/components/ui/action-button";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { freshPreferencesLinkAction } from "@/lib/subscription/email/actions";
import { getPreferencesView } from "@/lib/subscription/email/queries";
import { safeDecode } from "@/lib/text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("email.prefs");
  return { title: t("metaTitle"), robots: { index: false } };
}

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ confirmed?: string }> };

/** The email settings behind the link in every mail: no account needed, the signed link is the key. */
export default async function EmailPreferencesPage({ params, searchParams }: Props) {
  const [{ token: raw }, { confirmed }] = await Promise.all([params, searchParams]);
  // Malformed percent-encoding becomes "", which no token matches: the invalid-link state.
  const token = safeDecode(raw) ?? "";
  const [t, view] = await Promise.all([getTranslations("email.prefs"), getPreferencesView(token)]);

  if (view.state === "invalid") {
    return (
      <Card className="mx-auto max-w-xl space-y-4" data-testid="preferences-invalid">
        <h1 className="text-3xl font-semibold">{t("invalidTitle")}</h1>
        <p className="text-muted">{t("invalidText")}</p>
        <ButtonLink href="/explore" variant="secondary">{(await getTranslations("email.confirm"))("explore")}</ButtonLink>
      </Card>
    );
  }
  if (view.state === "expired") {
    return (
      <Card className="mx-auto max-w-xl space-y-4" data-testid="preferences-expired">
        <h1 className="text-3xl font-semibold">{t("expiredTitle")}</h1>
        <p className="text-muted">{t("expiredText")}</p>
        <ActionButton action={freshPreferencesLinkAction} fields={{ token }} label={t("freshLink")} variant="primary" size="md" testId="fresh-link" />
      </Card>
    );
  }

  const s = view.subscription;
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-muted">
          {t("lead", { title: s.target.title, address: s.address ?? "—" })}
        </p>
      </header>
      <EmailSettings subscription={s} access={{ token }} confirmed={confirmed === "1"} />
      {!s.accountHolder && s.address ? <AddressData token={token} address={s.address} /> : null}
    </div>
  );
}
