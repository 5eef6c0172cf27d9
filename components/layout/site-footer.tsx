import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { outboxEnabled } from "@/lib/mail/send";

export async function SiteFooter() {
  const [t, tl] = await Promise.all([getTranslations("footer"), getTranslations("legal")]);
  return (
    <footer className="border-t border-line">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-6 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>{t("promise")}</p>
        <nav aria-label={tl("footerNav")} className="flex flex-wrap gap-x-5 gap-y-1">
          <Link href="/impressum" className="underline-offset-4 hover:text-ink hover:underline">{tl("impressum")}</Link>
          <Link href="/datenschutz" className="underline-offset-4 hover:text-ink hover:underline">{tl("datenschutz")}</Link>
          {outboxEnabled ? (
            <Link href="/dev/outbox" className="underline-offset-4 hover:text-ink hover:underline">
              {t("outbox")}
            </Link>
          ) : null}
        </nav>
      </div>
    </footer>
  );
}
