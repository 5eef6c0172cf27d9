import { Feed, type Item } from "feed";
import type { FeedFormat } from "./links";
import { cleanText, escapeHtml } from "@/lib/text";

export type FeedPerson = { name: string; url: string };

/** One entry, format-neutral. Text fields are plain text; `contentHtml` is already sanitised. */
export type FeedEntry = {
  /** The update's permalink: also its id / guid, so it stays stable across requests and formats. */
  url: string;
  title: string;
  contentHtml: string;
  summary: string;
  published: Date;
  updated: Date;
  author: FeedPerson;
  language?: string;
  category?: string;
};

export type FeedDocument = {
  /** Permanent id of the feed itself (Atom). */
  id: string;
  title: string;
  description: string;
  language?: string;
  homeUrl: string;
  feedUrls: Record<FeedFormat, string>;
  /** The WebSub hub that announces changes of this feed (public feeds only). */
  hubUrl?: string;
  updated: Date;
  author: FeedPerson;
  entries: FeedEntry[];
};

const GENERATOR = "Herzensthema";

// The library writes item titles and HTML into CDATA sections but splits only the first "]]>",
// so a title with two of them would end the section early. Every "]]>" becomes this marker
// (a control character cleanText() has removed from all input) and is split correctly afterwards.
const CDATA_END_MARKER = "\u0001";
const cdataSafe = (text: string) => text.replaceAll("]]>", CDATA_END_MARKER);
const restoreCdataEnds = (xml: string) => xml.replaceAll(CDATA_END_MARKER, "]]]]><![CDATA[>");

// For plain-text XML elements the library first turns "&amp;" back into "&" before escaping
// (against double escaping). Escaping "&" ourselves makes it round-trip exactly.
const xmlText = (text: string) => cleanText(text).replaceAll("&", "&amp;");

/** Renders the document in one format. Pure: the same document always gives the same bytes. */
export function renderFeed(doc: FeedDocument, format: FeedFormat): string {
  switch (format) {
    case "rss":
      return restoreCdataEnds(rssFeed(doc).rss2());
    case "atom":
      return withAtomLanguages(restoreCdataEnds(atomFeed(doc).atom1()), doc);
    case "json":
      return jsonFeed11(doc);
  }
}

function channel(doc: FeedDocument, format: FeedFormat, textOf: (text: string) => string) {
  return new Feed({
    id: doc.id,
    title: textOf(doc.title),
    description: textOf(doc.description) || undefined,
    language: doc.language,
    link: doc.homeUrl,
    feedLinks: { [format]: doc.feedUrls[format] },
    hub: doc.hubUrl,
    updated: doc.updated, // never "now": the bytes must only change when the data does
    generator: GENERATOR,
    author: { name: textOf(doc.author.name), link: doc.author.url },
  });
}

/** RSS 2.0: titles plain text; description an HTML-escaped teaser; full HTML in content:encoded. */
function rssFeed(doc: FeedDocument) {
  const feed = channel(doc, "rss", xmlText);
  for (const entry of doc.entries) {
    const summary = cleanText(entry.summary);
    const content = cleanText(entry.contentHtml);
    const item: Item = {
      title: cdataSafe(cleanText(entry.title)),
      link: entry.url, // without id/guid the library writes <guid isPermaLink="true">link</guid>
      date: entry.updated,
      published: entry.published, // wins for <pubDate>: the first publication, not the correction
      description: summary ? cdataSafe(escapeHtml(summary)) : undefined,
      content: content ? cdataSafe(content) : undefined,
    };
    if (entry.category) item.category = [{ name: xmlText(entry.category) }];
    feed.addItem(item);
  }
  return feed;
}

/** Atom 1.0: the library marks title, summary and content as type="html", so text is escaped. */
function atomFeed(doc: FeedDocument) {
  const feed = channel(doc, "atom", xmlText);
  for (const entry of doc.entries) {
    const summary = cleanText(entry.summary);
    const content = cleanText(entry.contentHtml);
    const item: Item = {
      id: entry.url,
      title: escapeHtml(cleanText(entry.title)),
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      description: summary ? escapeHtml(summary) : undefined,
      content: content ? cdataSafe(content) : undefined,
      // Each entry names its cause: in "Mein Feed" entries come from several. (No atom:category:
      // the library escapes its attributes twice.)
      author: [{ name: xmlText(entry.author.name), link: entry.author.url }],
    };
    feed.addItem(item);
  }
  return feed;
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

/**
 * Atom states languages with xml:lang, which the library does not write: the feed gets the
 * document's language, each entry in another language (Mein Feed mixes causes) its own. Entries
 * are found by their tag: titles are escaped and sanitised HTML contains no <entry>.
 */
function withAtomLanguages(xml: string, doc: FeedDocument): string {
  const feedLanguage = doc.language && LANGUAGE_TAG.test(doc.language) ? doc.language : undefined;
  let index = 0;
  return xml
    .replace(ATOM_ROOT, feedLanguage ? `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feedLanguage}">` : ATOM_ROOT)
    .replace(/<entry>/g, () => {
      const language = doc.entries[index++]?.language;
      return language && language !== feedLanguage && LANGUAGE_TAG.test(language) ? `<entry xml:lang="${language}">` : "<entry>";
    });
}

type JsonAuthor = { name?: string; url?: string; avatar?: string };
type JsonItem10 = {
  id?: string;
  url?: string;
  title?: string;
  content_html?: string;
  summary?: string;
  date_published?: string;
  date_modified?: string;
  author?: JsonAuthor;
  tags?: string[];
};
type JsonFeed10 = {
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description?: string;
  author?: JsonAuthor;
  items: JsonItem10[];
};

/**
 * JSON Feed 1.1. The library writes version 1 (a single `author`, no `language`), so its output is
 * upgraded: version URL, `authors` arrays, `language` on the feed and each item, and an `id` on
 * every item (the permalink, as in the other formats).
 */
function jsonFeed11(doc: FeedDocument): string {
  const feed = channel(doc, "json", cleanText);
  doc.entries.forEach((entry) =>
    feed.addItem({
      id: entry.url,
      title: cleanText(entry.title),
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      description: cleanText(entry.summary) || undefined,
      content: cleanText(entry.contentHtml), // also when empty: content_html must always be present
      author: [{ name: cleanText(entry.author.name), link: entry.author.url }],
      category: entry.category ? [{ name: cleanText(entry.category) }] : undefined,
    }),
  );
  const v10 = JSON.parse(feed.json1()) as JsonFeed10;
  const authors = (author?: JsonAuthor) => (author?.name ? [author] : undefined);

  const v11 = {
    version: "https://jsonfeed.org/version/1.1",
    title: v10.title,
    home_page_url: v10.home_page_url,
    feed_url: v10.feed_url,
    description: v10.description,
    language: doc.language,
    hubs: doc.hubUrl ? [{ type: "WebSub", url: doc.hubUrl }] : undefined,
    authors: authors(v10.author),
    items: v10.items.map((item, index) => ({
      id: item.id ?? doc.entries[index].url,
      url: item.url,
      title: item.title,
      content_html: item.content_html ?? "",
      summary: item.summary,
      date_published: item.date_published,
      date_modified: item.date_modified,
      authors: authors(item.author),
      tags: item.tags?.length ? item.tags : undefined,
      language: doc.entries[index].language,
    })),
  };
  return JSON.stringify(v11, null, 2); // undefined fields disappear here
}
