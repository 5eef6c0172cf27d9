import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-button";
import { confirmEmailFollowAction } from "@/lib/subscription/email/actions";
import { getConfirmView } from "@/lib/subscription/email/queries";
import { safeDecode } from "@/lib/text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("email.confirm");
  return { title: t("metaTitle"), robots: { index: false } };
}

/**
 * Opening the confirmation link only shows this page (mail scanners GET links); the address owner
 * confirms with the button, a POST. Forged, expired and already used links each say what happened.
 */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  // Malformed percent-encoding becomes "", which no token matches: the invalid-link state.
  const token = safeDecode((await params).token) ?? "";
  const [t, view] = await Promise.all([getTranslations("email.confirm"), getConfirmView(token)]);

  if (view.state === "invalid") {
    return (
      <Card className="mx-auto max-w-xl space-y-4" data-testid="confirm-invalid">
        <h1 className="text-3xl font-semibold">{t("invalidTitle")}</h1>
        <p className="text-muted">{t("invalidText")}</p>
        <ButtonLink href="/explore" variant="secondary">{t("explore")}</ButtonLink>
      </Card>
    );
  }
  if (view.state === "expired") {
    return (
      <Card className="mx-auto max-w-xl space-y-4" data-testid="confirm-expired">
        <h1 className="text-3xl font-semibold">{t("expiredTitle")}</h1>
        <p className="text-muted">{t("expiredText")}</p>
        <ButtonLink href={view.target.href}>{t("askAgain", { title: view.target.title })}</ButtonLink>
      </Card>
    );
  }
  if (view.state === "used") {
    return (
      <Card className="mx-auto max-w-xl space-y-4" data-testid="confirm-used">
        <h1 className="text-3xl font-semibold">{t("usedTitle")}</h1>
        <p className="text-muted">{t("usedText")}</p>
        <div className="flex flex-wrap items-center gap-4">
          {view.preferencesPath ? <ButtonLink href={view.preferencesPath}>{t("toPreferences")}</ButtonLink> : null}
          <Link href={view.target.href} className="text-sm text-muted underline-offset-4 hover:text-ink hover:underline">
            {t("backTo", { title: view.target.title })}
          </Link>
        </div>
      </Card>
    );
  }
  return (
    <Card className="mx-auto max-w-xl space-y-5" data-testid="confirm-ready">
      <h1 className="text-3xl font-semibold">{t("readyTitle", { title: view.target.title })}</h1>
      <p className="text-muted">{t.rich("readyText", { address: view.address, strong: (chunks) => <strong className="break-all font-semibold text-ink">{chunks}</strong> })}</p>
      <div className="flex flex-wrap items-center gap-4">
        <ActionButton action={confirmEmailFollowAction} fields={{ token }} label={t("button")} variant="primary" size="md" testId="confirm-email" />
        <Link href={view.target.href} className="text-sm text-muted underline-offset-4 hover:text-ink hover:underline">{t("notNow")}</Link>
      </div>
    </Card>
  );
}
