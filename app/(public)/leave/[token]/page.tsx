import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getLeaveTarget } from "@/lib/subscription/queries";
import { safeDecode } from "@/lib/text";

export const metadata: Metadata = { robots: { index: false } };

/**
 * Opening a leave link only shows this page: link scanners in mail systems follow GETs, so the
 * actual leaving is the POST behind the button (one click, no sign-in).
 */
export default async function LeavePage({ params }: { params: Promise<{ token: string }> }) {
  // Malformed percent-encoding becomes "", which no token matches: the invalid-link state.
  const token = safeDecode((await params).token) ?? "";
  const [t, target] = await Promise.all([getTranslations("leave"), getLeaveTarget(token)]);

  if (!target) {
    return (
      <Card className="mx-auto max-w-xl space-y-4">
        <h1 className="text-3xl font-semibold">{t("invalidTitle")}</h1>
        <p className="text-muted">{t("invalidText")}</p>
        <ButtonLink href="/subscriptions" variant="secondary">{t("manageSubscriptions")}</ButtonLink>
      </Card>
    );
  }

  if (!target.active) {
    return (
      <Card className="mx-auto max-w-xl space-y-4">
        <h1 className="text-3xl font-semibold">{t("alreadyLeftTitle", { title: target.title })}</h1>
        <p className="text-muted">{t("alreadyLeftText")}</p>
        <Link href={target.href} className="text-accent underline underline-offset-4">{t("backToCause")}</Link>
      </Card>
    );
  }

  return (
    <Card className="mx-auto max-w-xl space-y-5">
      <h1 className="text-3xl font-semibold">{t("confirmTitle", { title: target.title })}</h1>
      <p className="text-muted">{t("confirmText")}</p>
      <form method="post" action="/api/leave" className="flex flex-wrap items-center gap-4">
        <input type="hidden" name="token" value={token} />
        <Button type="submit" data-testid="leave-confirm">{t("button")}</Button>
        <Link href={target.href} className="text-sm text-muted underline-offset-4 hover:text-ink hover:underline">
          {t("stay")}
        </Link>
      </form>
    </Card>
  );
}
