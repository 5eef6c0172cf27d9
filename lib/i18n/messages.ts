import type { AppLocale } from "./config";
import coreDe from "./messages/de.json";
import coreEn from "./messages/en.json";
import emailDe from "./messages/email.de.json";
import emailEn from "./messages/email.en.json";
import feedsDe from "./messages/feeds.de.json";
import feedsEn from "./messages/feeds.en.json";
import groupRulesDe from "./messages/group-rules.de.json";
import groupRulesEn from "./messages/group-rules.en.json";
import groupsDe from "./messages/groups.de.json";
import groupsEn from "./messages/groups.en.json";
import mailsDe from "./messages/mails.de.json";
import mailsEn from "./messages/mails.en.json";
import moderationDe from "./messages/moderation.de.json";
import moderationEn from "./messages/moderation.en.json";
import privacyDe from "./messages/privacy.de.json";
import privacyEn from "./messages/privacy.en.json";
import previewsDe from "./messages/previews.de.json";
import previewsEn from "./messages/previews.en.json";
import shareDe from "./messages/share.de.json";
import shareEn from "./messages/share.en.json";

type Messages = { [key: string]: string | Messages };

/** Merges area files; an area may add keys to a shared namespace (e.g. "errors"), never replace them. */
function merge(...parts: Messages[]): Messages {
  const out: Messages = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      out[key] = typeof value === "object" && typeof existing === "object" ? merge(existing, value) : value;
    }
  }
  return out;
}

// One file per area keeps each file reviewable.
export const messages = {
  de: merge(coreDe, feedsDe, previewsDe, shareDe, groupsDe, groupRulesDe, emailDe, mailsDe, moderationDe, privacyDe),
  en: merge(coreEn, feedsEn, previewsEn, shareEn, groupsEn, groupRulesEn, emailEn, mailsEn, moderationEn, privacyEn),
} as Record<AppLocale, typeof coreEn & Messages>;
