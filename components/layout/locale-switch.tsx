import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/lib/i18n/actions";
import { locales } from "@/lib/i18n/config";
import { cn } from "@/components/ui/cn";

/** Two buttons in a form: works without JavaScript, remembers the choice in a cookie. */
export async function LocaleSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("nav")]);
  return (
    <form action={setLocaleAction} aria-label={t("language")} className="flex rounded-full border border-line p-0.5 text-xs">
      {locales.map((value) => (
        <button
          key={value}
          type="submit"
          name="locale"
          value={value}
          aria-pressed={value === locale}
          lang={value}
          title={t(`languageName.${value}`)}
          className={cn(
            "rounded-full px-2 py-1 font-semibold uppercase sm:px-2.5",
            value === locale ? "bg-ink text-paper" : "text-muted hover:text-ink",
          )}
        >
          {value}
        </button>
      ))}
    </form>
  );
}
