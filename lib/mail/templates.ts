import { createTranslator } from "next-intl";
import type { AppLocale } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

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
