import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { oauthProviders } from "@/lib/auth/options";
import { safeReturnPath } from "@/lib/auth/rules";
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
    // A link cut short (copied in part, wrapped by a mail program): say so, and ask for a new one
    // right here, to the same place the link would have led.
    // next-auth writes an absolute callbackUrl: the schema's own rule keeps its path, safely.
    const returnTo = signInConfirmSchema.shape.callbackUrl.safeParse(params.callbackUrl).data ?? safeReturnPath(undefined);
    return (
      <Card className="mx-auto max-w-md space-y-5">
        <div className="space-y-2 text-center">
          <h1 className="text-3xl font-semibold">{t("confirmInvalidTitle")}</h1>
          <p className="text-muted">{t("confirmInvalidText")}</p>
        </div>
        <SignInForm callbackUrl={returnTo} providers={oauthProviders} />
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
