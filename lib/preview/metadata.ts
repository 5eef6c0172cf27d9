import "server-only";
import type { Metadata } from "next";
import { causeFeedPaths, feedMimeTypes } from "@/lib/feed/links";

type CauseForMetadata = { slug: string; title: string; summary: string; language: string };
type UpdateForMetadata = { id: string; title: string; body: string };

/** Metadata of a cause page: canonical URL and feed autodiscovery. (Previews: Open Graph etc.) */
export function causeMetadata(cause: CauseForMetadata): Metadata {
  const feeds = causeFeedPaths(cause.slug);
  return {
    title: cause.title,
    description: cause.summary || undefined,
    alternates: {
      canonical: `/c/${cause.slug}`,
      types: {
        [feedMimeTypes.rss]: [{ url: feeds.rss, title: `${cause.title} (RSS)` }],
        [feedMimeTypes.atom]: [{ url: feeds.atom, title: `${cause.title} (Atom)` }],
        [feedMimeTypes.json]: [{ url: feeds.json, title: `${cause.title} (JSON Feed)` }],
      },
    },
  };
}

/** Metadata of an update's permalink page. */
export function updateMetadata(cause: CauseForMetadata, update: UpdateForMetadata): Metadata {
  return {
    title: `${update.title} · ${cause.title}`,
    alternates: { canonical: `/c/${cause.slug}/u/${update.id}` },
  };
}
