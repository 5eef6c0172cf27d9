"use client";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";

const item =
  "block cursor-pointer rounded-lg px-3 py-2 text-sm outline-none data-[highlighted]:bg-line/70";

export function AccountMenu({ email }: { email: string }) {
  const t = useTranslations("nav");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex h-9 w-9 items-center justify-center rounded-full bg-accent-soft font-semibold text-accent-strong uppercase"
        aria-label={t("account")}
      >
        {email.slice(0, 1) || "?"}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={8}
          className="z-50 min-w-56 rounded-xl border border-line bg-card p-1.5 text-ink shadow-lg"
        >
          <DropdownMenu.Label className="truncate px-3 py-2 text-xs text-muted">{email}</DropdownMenu.Label>
          <DropdownMenu.Item asChild className={item}>
            <Link href="/feed">{t("feed")}</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={item}>
            <Link href="/subscriptions">{t("subscriptions")}</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={item}>
            <Link href="/dashboard">{t("dashboard")}</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={item}>
            <Link href="/account">{t("myData")}</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item className={item} onSelect={() => signOut({ callbackUrl: "/" })}>
            {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
