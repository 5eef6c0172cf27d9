/** Feed formats every cause offers, and where they live. */
export const feedFormats = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof feedFormats)[number];

export const feedMimeTypes: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

/** Paths of a cause's feeds: /api/feeds/c/<slug>/rss|atom|json. */
export function causeFeedPaths(slug: string): Record<FeedFormat, string> {
  return {
    rss: `/api/feeds/c/${slug}/rss`,
    atom: `/api/feeds/c/${slug}/atom`,
    json: `/api/feeds/c/${slug}/json`,
  };
}
