// use-intl/core is the React-free core that next-intl re-exports: mails are written by the app
// server and by the worker, which runs outside Next.js with --conditions=react-server, where
// next-intl's entry would pull in its client provider.
import { createTranslator } from "use-intl/core";
import type { AppLocale } from "@/lib/i18n/config";
import mailsDe from "@/lib/i18n/messages/mails.de.json";
import mailsEn from "@/lib/i18n/messages/mails.en.json";

// Every mail's texts, typed from the English file so a missing key fails the typecheck.
const mailMessages: Record<AppLocale, typeof mailsEn> = { de: mailsDe, en: mailsEn };

export type MailArea = keyof (typeof mailsEn)["mails"];

function makeTranslator<A extends MailArea>(locale: AppLocale, area: A) {
  return createTranslator({ locale, messages: mailMessages[locale], namespace: `mails.${area}` as `mails.${A}` });
}

// One translator per language and area: it caches compiled ICU messages, and the worker formats
// the same few messages for each of 100 000 readers.
const translators = new Map<string, unknown>();

/** The one translator for mails: sign-in, confirmation and settings links, and deliveries. */
export function mailTranslator<A extends MailArea>(locale: AppLocale, area: A): ReturnType<typeof makeTranslator<A>> {
  const key = `${locale}:${area}`;
  let t = translators.get(key) as ReturnType<typeof makeTranslator<A>> | undefined;
  if (!t) translators.set(key, (t = makeTranslator(locale, area)));
  return t;
}
