import { createTranslator } from "next-intl";
import { isLocale, type AppLocale } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";
import type previewMessages from "@/lib/i18n/messages/previews.en.json";

/**
 * Previews speak the cause's language, not the visitor's: an image or a card is made once and
 * shown to everybody the link reaches.
 */
export function causeLocale(language: string): AppLocale {
  return isLocale(language) ? language : "de";
}

/** Open Graph wants a territory: de_DE, en_US. */
export function ogLocale(language: string): string {
  return causeLocale(language) === "en" ? "en_US" : "de_DE";
}

// messages.ts types the merged catalogue by its core part; the preview areas are merged in too.
const catalogue = (locale: AppLocale) => messages[locale] as unknown as typeof previewMessages;

export const previewTranslator = (locale: AppLocale) =>
  createTranslator({ locale, messages: catalogue(locale), namespace: "preview" });

export const embedTranslator = (locale: AppLocale) =>
  createTranslator({ locale, messages: catalogue(locale), namespace: "embed" });
