import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/actions";
import { ClosePopoverOnNavigation } from "./close-popover";

const MENU_ID = "account-menu";
const item = "block w-full rounded-lg px-3 py-2 text-start text-sm hover:bg-line/70 focus-visible:bg-line/70";

/**
 * The account menu is the browser's own popover (no menu library): the button opens it, Escape
 * or a click elsewhere closes it, Tab walks through its links, and it works before any
 * JavaScript has loaded. Signing out is a form post.
 */
export async function AccountMenu({ email }: { email: string }) {
  const t = await getTranslations("nav");
  return (
    <>
      <button
        type="button"
        popoverTarget={MENU_ID}
        className="flex h-9 w-9 items-center justify-center rounded-full bg-accent-soft font-semibold text-accent-strong uppercase"
        aria-label={t("account")}
      >
        {email.slice(0, 1) || "?"}
      </button>
      <div id={MENU_ID} popover="auto" className="account-menu min-w-56 max-w-[calc(100vw-2rem)] rounded-xl border border-line bg-card p-1.5 text-ink shadow-lg">
        <p className="truncate px-3 py-2 text-xs text-muted" dir="auto">{email}</p>
        <nav aria-label={t("account")}>
          <ul>
            <li><Link href="/feed" className={item}>{t("feed")}</Link></li>
            <li><Link href="/subscriptions" className={item}>{t("subscriptions")}</Link></li>
            <li><Link href="/dashboard" className={item}>{t("dashboard")}</Link></li>
            <li><Link href="/account" className={item}>{t("myData")}</Link></li>
          </ul>
        </nav>
        <hr className="my-1 border-line" />
        <form action={signOutAction}>
          <button type="submit" className={`${item} cursor-pointer`}>{t("signOut")}</button>
        </form>
        <ClosePopoverOnNavigation id={MENU_ID} />
      </div>
    </>
  );
}
