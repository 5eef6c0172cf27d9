/** Feed formats every cause offers, and where they live. */
export const feedFormats = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof feedFormats)[number];

export const feedMimeTypes: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

/** What the feed endpoints answer with: the MIME type plus the charset every feed is written in. */
export const feedContentTypes: Record<FeedFormat, string> = {
  rss: `${feedMimeTypes.rss}; charset=utf-8`,
  atom: `${feedMimeTypes.atom}; charset=utf-8`,
  json: `${feedMimeTypes.json}; charset=utf-8`,
};

/** Names people know the formats by, for links and labels. */
export const feedFormatLabels: Record<FeedFormat, string> = {
  rss: "RSS",
  atom: "Atom",
  json: "JSON Feed",
};

export function isFeedFormat(value: unknown): value is FeedFormat {
  return typeof value === "string" && (feedFormats as readonly string[]).includes(value);
}

/** Paths of a cause's feeds: /api/feeds/c/<slug>/rss|atom|json. */
export function causeFeedPaths(slug: string): Record<FeedFormat, string> {
  return {
    rss: `/api/feeds/c/${slug}/rss`,
    atom: `/api/feeds/c/${slug}/atom`,
    json: `/api/feeds/c/${slug}/json`,
  };
}

/** Paths of a reader's private "Mein Feed": /api/feeds/me/<secret token>/rss|atom|json. */
export function readerFeedPaths(token: string): Record<FeedFormat, string> {
  return {
    rss: `/api/feeds/me/${token}/rss`,
    atom: `/api/feeds/me/${token}/atom`,
    json: `/api/feeds/me/${token}/json`,
  };
}

/** Paths of a partner group's joint feeds: /api/feeds/g/<slug>/rss|atom|json. */
export function groupFeedPaths(slug: string): Record<FeedFormat, string> {
  return {
    rss: `/api/feeds/g/${slug}/rss`,
    atom: `/api/feeds/g/${slug}/atom`,
    json: `/api/feeds/g/${slug}/json`,
  };
}
