import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { signInConfirmSchema } from "@/lib/auth/schema";

export const metadata: Metadata = { robots: { index: false } };

/**
 * The link in a sign-in mail opens this page; the button uses the one-time token. Mail scanners
 * open links but do not press buttons, so they can no longer spend a reader's sign-in link.
 */
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const [t, params] = await Promise.all([getTranslations("signIn"), searchParams]);
  const parsed = signInConfirmSchema.safeParse(params);
  if (!parsed.success) {
    return (
      <Card className="mx-auto max-w-md space-y-4 text-center">
        <h1 className="text-3xl font-semibold">{t("confirmInvalidTitle")}</h1>
        <p className="text-muted">{t("linkExpired")}</p>
      </Card>
    );
  }
  const { token, email, callbackUrl } = parsed.data;
  return (
    <Card className="mx-auto max-w-md space-y-5 text-center">
      <h1 className="text-3xl font-semibold">{t("confirmTitle")}</h1>
      <p className="text-muted">{t("confirmText", { email })}</p>
      <form method="post" action="/api/auth/callback/email">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <Button type="submit" className="w-full" data-testid="confirm-sign-in">{t("confirmButton")}</Button>
      </form>
    </Card>
  );
}
