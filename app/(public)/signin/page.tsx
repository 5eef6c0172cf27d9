import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { oauthProviders } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/rules";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const t = await getTranslations("signIn");
  // AccessDenied comes from the signIn callback: the account is suspended (lib/auth/options.ts).
  const errorKey = params.error === "Verification" ? "linkExpired" : params.error === "AccessDenied" ? "accountSuspended" : params.error ? "genericError" : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <header className="space-y-2 text-center">
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t("lead")}</p>
      </header>
      {errorKey ? <FormMessage status="error" message={t(errorKey)} /> : null}
      <Card>
        <SignInForm callbackUrl={callbackUrl} providers={oauthProviders} />
      </Card>
      <p className="text-center text-sm text-muted">{t("privacy")}</p>
    </div>
  );
}
