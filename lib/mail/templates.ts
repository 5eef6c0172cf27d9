import { createTranslator } from "next-intl";
import type { AppLocale } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";
import emailDe from "@/lib/i18n/messages/email.de.json";
import emailEn from "@/lib/i18n/messages/email.en.json";
import { escapeHtml } from "@/lib/text";

// The email area's texts, typed from the English file so a missing key fails the typecheck.
const emailMessages: Record<AppLocale, typeof emailEn> = { de: emailDe, en: emailEn };

/** The magic-link mail: plain text first, a simple HTML part, readable without images. */
export function signInMail(url: string, locale: AppLocale) {
  const t = createTranslator({ locale, messages: messages[locale], namespace: "mail.signIn" });
  const host = new URL(url).host;
  const text = [t("greeting"), "", t("intro", { host }), "", url, "", t("expiry"), t("why")].join("\n");
  const html = `<p>${escapeHtml(t("greeting"))}</p>
<p>${escapeHtml(t("intro", { host }))}</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(t("button"))}</a></p>
<p style="color:#555">${escapeHtml(t("expiry"))}<br>${escapeHtml(t("why"))}</p>`;
  return { subject: t("subject", { host }), text, html };
}

/** What an email subscription follows, as named in its mails. */
export type MailTarget = { title: string; kind: "cause" | "group" };

/**
 * The one mail a pending address ever gets (double opt-in): who asked, for what, that nothing else
 * comes until its owner confirms, and that ignoring it is fine.
 */
export function confirmEmailFollowMail(url: string, target: MailTarget, locale: AppLocale) {
  const t = createTranslator({ locale, messages: emailMessages[locale], namespace: "email.mail.confirm" });
  const host = new URL(url).host;
  const who = t(target.kind === "group" ? "whoGroup" : "who", { host, title: target.title });
  const text = [t("greeting"), "", who, "", t("what"), "", url, "", t("expiry"), "", t("ignore")].join("\n");
  const html = `<p>${escapeHtml(t("greeting"))}</p>
<p>${escapeHtml(who)}</p>
<p>${escapeHtml(t("what"))}</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(t("button"))}</a></p>
<p style="color:#555">${escapeHtml(t("expiry"))}<br>${escapeHtml(t("ignore"))}</p>`;
  return { subject: t("subject", { title: target.title }), text, html };
}

/** A fresh link to the email settings, sent only when the reader asked for it on an expired link. */
export function preferencesLinkMail(url: string, target: MailTarget, locale: AppLocale) {
  const t = createTranslator({ locale, messages: emailMessages[locale], namespace: "email.mail.freshLink" });
  const host = new URL(url).host;
  const intro = t("intro", { host, title: target.title });
  const text = [t("greeting"), "", intro, "", url, "", t("expiry"), t("ignore")].join("\n");
  const html = `<p>${escapeHtml(t("greeting"))}</p>
<p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(t("button"))}</a></p>
<p style="color:#555">${escapeHtml(t("expiry"))}<br>${escapeHtml(t("ignore"))}</p>`;
  return { subject: t("subject", { title: target.title }), text, html };
}
