import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

export const locales = ["de", "en"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "de";
export const localeCookie = "NEXT_LOCALE";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** A chosen locale (cookie) wins; otherwise the browser's Accept-Language is negotiated. */
export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): AppLocale {
  if (isLocale(cookieValue)) return cookieValue;
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } }).languages();
  const wanted = requested.filter((tag) => tag !== "*");
  if (wanted.length === 0) return defaultLocale;
  try {
    return match(wanted, locales, defaultLocale) as AppLocale;
  } catch {
    return defaultLocale;
  }
}
