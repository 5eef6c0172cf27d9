"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
// The server's own rule, without zod's runtime in the page's script.
import { isEmailAddress } from "@/lib/email-address";

export function SignInForm({ callbackUrl, providers }: { callbackUrl: string; providers: { id: string; name: string }[] }) {
  const t = useTranslations("signIn");
  const router = useRouter();
  // Controlled: React resets a form after its action, and a typo must stay visible to be fixed.
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string>();
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();

  function submit() {
    const address = email.trim();
    if (!isEmailAddress(address)) {
      setError(t("invalidEmail"));
      return;
    }
    setError(undefined);
    startTransition(async () => {
      const result = await signIn("email", { email: address, callbackUrl, redirect: false });
      if (result?.error) {
        setFailed(true);
        return;
      }
      router.push(`/signin/check-email?email=${encodeURIComponent(address)}`);
    });
  }

  return (
    <div className="space-y-6">
      <form action={submit} className="space-y-4" noValidate>
        {failed ? <FormMessage status="error" message={t("sendFailed")} /> : null}
        <Field name="email" label={t("emailLabel")} errors={error ? [error] : undefined} hint={t("emailHint")}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} placeholder="name@example.org" />
          )}
        </Field>
        <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
          {pending ? t("sending") : t("submit")}
        </Button>
      </form>
      {providers.length ? (
        <div className="space-y-3 border-t border-line pt-6">
          {providers.map((provider) => (
            <Button key={provider.id} variant="secondary" className="w-full" onClick={() => signIn(provider.id, { callbackUrl })}>
              {t("withProvider", { name: provider.name })}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
