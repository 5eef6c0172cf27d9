import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { outboxEnabled } from "@/lib/mail/send";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("checkEmail");
  return { title: t("title") };
}

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  const t = await getTranslations("checkEmail");
  return (
    <Card className="mx-auto max-w-md space-y-4 text-center">
      <p aria-hidden className="text-4xl">✉️</p>
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p className="text-muted">{typeof email === "string" && email.length < 255 ? t("sentTo", { email }) : t("sent")}</p>
      <p className="text-sm text-muted">{t("expiry")}</p>
      {outboxEnabled ? (
        <p className="rounded-xl bg-line/60 px-4 py-3 text-sm">
          {t("devHint")}{" "}
          <Link href="/dev/outbox" className="font-semibold text-accent underline underline-offset-4">/dev/outbox</Link>
        </p>
      ) : null}
    </Card>
  );
}
