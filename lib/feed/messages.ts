import type { AppLocale } from "@/lib/i18n/config";
import feedsDe from "@/lib/i18n/messages/feeds.de.json";
import feedsEn from "@/lib/i18n/messages/feeds.en.json";
import groupRulesDe from "@/lib/i18n/messages/group-rules.de.json";
import groupRulesEn from "@/lib/i18n/messages/group-rules.en.json";

/**
 * The feeds area's own messages, for texts made outside React (feed documents, HTTP answers).
 * Typed from the English file, so a missing key fails the typecheck.
 */
export const feedMessages: Record<AppLocale, typeof feedsEn> = { de: feedsDe, en: feedsEn };

/** The partner-group texts of feed documents (the group feed's "from" line). */
export const groupFeedMessages: Record<AppLocale, typeof groupRulesEn> = { de: groupRulesDe, en: groupRulesEn };
