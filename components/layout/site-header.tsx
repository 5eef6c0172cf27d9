import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { countOpenInvitationsForOwner } from "@/lib/group/queries";
import { isOperator } from "@/lib/moderation/queries";
import { buttonClass } from "@/components/ui/button";
import { AccountMenu } from "./account-menu";
import { LocaleSwitch } from "./locale-switch";

export async function SiteHeader() {
  const [t, user] = await Promise.all([getTranslations("nav"), getCurrentUser()]);
  // Invitations wait in an in-app inbox; the badge is the only place they are announced.
  const [invitations, operator] = user ? await Promise.all([countOpenInvitationsForOwner(user.id), isOperator(user.id)]) : [0, false];
  return (
    <header className="border-b border-line bg-paper/90 backdrop-blur">
      {/* On a phone: name, language and account in the first row, the links in the second; sized
          so that German ("Anmelden") still fits one row from 360 px (e2e/layout.spec.ts). */}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-2 gap-y-2 px-4 py-3 sm:gap-x-6 sm:px-6">
        <Link href="/" className="flex items-center gap-1.5 font-serif text-lg font-semibold sm:gap-2 sm:text-xl">
          <span aria-hidden className="text-accent">♥</span> Herzensthema
        </Link>
        <nav aria-label={t("main")} className="order-3 flex w-full flex-wrap gap-x-5 gap-y-1 whitespace-nowrap text-sm sm:order-none sm:w-auto">
          <Link href="/explore" className="py-1 hover:text-accent">{t("explore")}</Link>
          {user ? (
            <>
              <Link href="/feed" className="py-1 hover:text-accent">{t("feed")}</Link>
              <Link href="/subscriptions" className="py-1 hover:text-accent">{t("subscriptions")}</Link>
              <Link href="/dashboard" className="py-1 hover:text-accent">{t("dashboard")}</Link>
              <Link href="/dashboard/groups" className="inline-flex items-center gap-1.5 py-1 hover:text-accent">
                {t("groups")}
                {invitations ? (
                  <span className="rounded-full bg-accent px-1.5 text-xs font-semibold text-white dark:text-stone-950" data-testid="invitation-badge">
                    {invitations}
                  </span>
                ) : null}
              </Link>
              {operator ? <Link href="/admin" className="py-1 hover:text-accent">{t("moderation")}</Link> : null}
            </>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          <LocaleSwitch />
          {user ? (
            <AccountMenu email={user.email ?? ""} />
          ) : (
            <Link href="/signin" className={buttonClass("secondary", "sm")}>{t("signIn")}</Link>
          )}
        </div>
      </div>
    </header>
  );
}
