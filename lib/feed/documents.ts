import "server-only";
import { createTranslator } from "use-intl/core";
import type { AppLocale } from "@/lib/i18n/config";
import { renderMarkdown } from "@/lib/markdown";
import { scheduleDateStyle, type ScheduleFields } from "@/lib/update/rules";
import { absoluteUrl } from "@/lib/url";
import { HUB_PATH } from "@/lib/websub/rules";
import type { FeedDocument, FeedEntry, FeedPerson } from "./build";
import { causeFeedPaths, groupFeedPaths, readerFeedPaths, type FeedFormat } from "./links";
import { feedMessages, groupFeedMessages } from "./messages";
import { escapeHtml } from "@/lib/text";
import { absolutizeLinks, excerptFromHtml } from "./text";

/** An update as feeds (and the fediverse's Articles) show it; an event's or call's facts above its text. */
export type UpdateForFeed = ScheduleFields & {
  id: string;
  title: string;
  body: string;
  publishedAt: Date;
  correctedAt: Date | null;
  correctionNote: string | null;
};
type CauseForFeed = { slug: string; title: string; summary?: string; language: string };

const translator = (locale: AppLocale) =>
  createTranslator({ locale, messages: feedMessages[locale], namespace: "feeds.document" });
const asLocale = (language: string): AppLocale => (language === "en" ? "en" : "de");
const absolute = (paths: Record<FeedFormat, string>) =>
  ({ rss: absoluteUrl(paths.rss), atom: absoluteUrl(paths.atom), json: absoluteUrl(paths.json) });

/** The cause speaks for itself: it is the author of its feed and of every entry. */
const causeAuthor = (cause: CauseForFeed): FeedPerson => ({ name: cause.title, url: absoluteUrl(`/c/${cause.slug}`) });

/** One update as an entry. Its permalink is its id in every format, so readers never see it twice. */
export function updateEntry(update: UpdateForFeed, cause: CauseForFeed, extraHtml = ""): FeedEntry {
  const t = translator(asLocale(cause.language));
  const url = absoluteUrl(`/c/${cause.slug}/u/${update.id}`);
  const bodyHtml = absolutizeLinks(renderMarkdown(update.body), url);
  const facts = scheduleFacts(update, asLocale(cause.language)).map((fact) => `<p><strong>${escapeHtml(fact)}</strong></p>`).join("");
  const correction = update.correctedAt
    ? `<p><em>${escapeHtml(t("corrected"))}${update.correctionNote ? `: ${escapeHtml(update.correctionNote)}` : ""}</em></p>`
    : "";
  return {
    url,
    title: update.title,
    contentHtml: facts + bodyHtml + correction + extraHtml,
    summary: excerptFromHtml(bodyHtml),
    published: update.publishedAt,
    updated: update.correctedAt ?? update.publishedAt,
    author: causeAuthor(cause),
    language: cause.language,
  };
}

/** An event's when and where, a call's deadline and link, as lines in the cause's language and the publisher's zone. */
function scheduleFacts(update: UpdateForFeed, locale: AppLocale): string[] {
  if (!update.kind || update.kind === "news") return [];
  const t = translator(locale);
  const format = new Intl.DateTimeFormat(locale, scheduleDateStyle(update.timeZone));
  const date = (d: Date) => format.format(d);
  const range = (start: Date, end: Date | null | undefined) => (end ? format.formatRange(start, end) : date(start));
  if (update.kind === "event" && update.startsAt) {
    return [t("eventWhen", { date: range(update.startsAt, update.endsAt) }), ...(update.place ? [t("eventWhere", { place: update.place })] : [])];
  }
  if (update.kind === "call" && update.deadline) {
    return [t("callUntil", { date: date(update.deadline) }), ...(update.callUrl ? [t("callAct", { url: update.callUrl })] : [])];
  }
  return [];
}

/** A cause's public feed: its updates, in its language, under its own title and summary. */
export function causeFeedDocument(cause: CauseForFeed, updates: UpdateForFeed[], updated: Date): FeedDocument {
  const home = absoluteUrl(`/c/${cause.slug}`);
  return {
    id: home,
    title: cause.title,
    description: cause.summary?.trim() || cause.title, // RSS requires a description
    language: cause.language,
    homeUrl: home,
    feedUrls: absolute(causeFeedPaths(cause.slug)),
    hubUrl: absoluteUrl(HUB_PATH),
    updated,
    author: causeAuthor(cause),
    entries: updates.map((update) => updateEntry(update, cause)),
  };
}

type ReaderFeedItem = { update: UpdateForFeed; topic: CauseForFeed };

/**
 * A reader's private "Mein Feed": updates of every followed cause, each saying where it comes
 * from and why it is there (as on the /feed page). The app speaks the reader's language; every
 * entry keeps its cause's language (JSON Feed can say so per item).
 */
export function readerFeedDocument(
  reader: { token: string; feedKey: string },
  items: ReaderFeedItem[],
  updated: Date,
  locale: AppLocale,
): FeedDocument {
  const t = translator(locale);
  const home = absoluteUrl("/feed");
  return {
    // Stable across token rotations, and no user id in it: a fingerprint stands in for the reader.
    id: `${home}#${reader.feedKey}`,
    title: t("readerTitle"),
    description: t("readerDescription"),
    language: locale,
    homeUrl: home,
    feedUrls: absolute(readerFeedPaths(reader.token)),
    updated,
    author: { name: "Herzensthema", url: absoluteUrl("/") },
    entries: items.map(({ update, topic }) => {
      const link = `<a href="${escapeHtml(absoluteUrl(`/c/${topic.slug}`))}">${escapeHtml(topic.title)}</a>`;
      // The cause title is linked inside the sentence without ever trusting it as HTML.
      const why = escapeHtml(t("itemFrom", { title: topic.title })).replace(escapeHtml(topic.title), () => link);
      return { ...updateEntry(update, topic, `<p><small>${why}</small></p>`), category: topic.title };
    }),
  };
}

type GroupForFeed = { slug: string; name: string; concern: string; language: string };
type GroupFeedItem = { update: UpdateForFeed; topic: CauseForFeed };

// Stand-ins for the two titles while the sentence is escaped; cleanText() removes them from input.
const CAUSE_MARK = "\u0002";
const GROUP_MARK = "\u0003";

/**
 * A partner group's joint feed: the updates of its current member causes. Each entry keeps its
 * cause as author and permalink, and says which cause of which group it comes from.
 */
export function groupFeedDocument(group: GroupForFeed, items: GroupFeedItem[], updated: Date): FeedDocument {
  const locale = asLocale(group.language);
  const t = createTranslator({ locale, messages: groupFeedMessages[locale], namespace: "groupFeed" });
  const home = absoluteUrl(`/g/${group.slug}`);
  const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
  return {
    id: home,
    title: group.name,
    description: group.concern.trim() || group.name, // RSS requires a description
    language: group.language,
    homeUrl: home,
    feedUrls: absolute(groupFeedPaths(group.slug)),
    hubUrl: absoluteUrl(HUB_PATH),
    updated,
    author: { name: group.name, url: home },
    entries: items.map(({ update, topic }) => {
      const why = escapeHtml(t("itemFrom", { cause: CAUSE_MARK, group: GROUP_MARK }))
        .replace(CAUSE_MARK, () => link(absoluteUrl(`/c/${topic.slug}`), topic.title))
        .replace(GROUP_MARK, () => link(home, group.name));
      return { ...updateEntry(update, topic, `<p><small>${why}</small></p>`), category: topic.title };
    }),
  };
}
