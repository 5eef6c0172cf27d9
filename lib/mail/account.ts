import type { AppLocale } from "@/lib/i18n/config";
import { assembleMail, renderBlocks } from "./document";
import { mailTranslator } from "./translate";

// The mails a person gets because they just asked for one on a page: a sign-in link, the one
// confirmation mail of a new email follow (double opt-in), a fresh settings link. Each says who
// asked, what the link does, how long it works and that ignoring it is fine.

export type AccountMail = { subject: string; text: string; html: string };

/** The magic-link mail. */
export function signInMail(url: string, locale: AppLocale): AccountMail {
  const t = mailTranslator(locale, "signIn");
  const host = new URL(url).host;
  const body = renderBlocks([
    { kind: "paragraph", lines: [t("greeting")] },
    { kind: "paragraph", lines: [t("intro", { host })] },
    { kind: "button", link: { href: url, label: t("button") } },
    { kind: "paragraph", lines: [t("expiry"), t("why")], muted: true },
  ]);
  return { subject: t("subject", { host }), ...assembleMail(locale, [body]) };
}

/** What an email subscription follows, as named in its mails. */
export type MailTarget = { title: string; kind: "cause" | "group" };

/** The one mail a pending address ever gets: nothing else comes until its owner confirms. */
export function confirmEmailFollowMail(url: string, target: MailTarget, locale: AppLocale): AccountMail {
  const t = mailTranslator(locale, "confirm");
  const host = new URL(url).host;
  const body = renderBlocks([
    { kind: "paragraph", lines: [t("greeting")] },
    { kind: "paragraph", lines: [t(target.kind === "group" ? "whoGroup" : "who", { host, title: target.title })] },
    { kind: "paragraph", lines: [t("what")] },
    { kind: "button", link: { href: url, label: t("button") } },
    { kind: "paragraph", lines: [t("expiry"), t("ignore")], muted: true },
  ]);
  return { subject: t("subject", { title: target.title }), ...assembleMail(locale, [body]) };
}

/** A fresh link to the email settings, sent only when the reader asked for it on an expired link. */
export function preferencesLinkMail(url: string, target: MailTarget, locale: AppLocale): AccountMail {
  const t = mailTranslator(locale, "freshLink");
  const host = new URL(url).host;
  const body = renderBlocks([
    { kind: "paragraph", lines: [t("greeting")] },
    { kind: "paragraph", lines: [t("intro", { host, title: target.title })] },
    { kind: "button", link: { href: url, label: t("button") } },
    { kind: "paragraph", lines: [t("expiry"), t("ignore")], muted: true },
  ]);
  return { subject: t("subject", { title: target.title }), ...assembleMail(locale, [body]) };
}
