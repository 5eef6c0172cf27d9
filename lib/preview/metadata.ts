import "server-only";
import type { Metadata } from "next";
import { actorUrl } from "@/lib/fediverse/links";
import { causeFeedPaths, feedMimeTypes } from "@/lib/feed/links";
import { absoluteUrl } from "@/lib/url";
import { causeLocale, ogLocale, previewTranslator } from "./i18n";
import { causeImagePath, causePath, OEMBED_MIME, oembedPath, PREVIEW_IMAGE, SITE_NAME, updateImagePath, updatePath } from "./links";
import { markdownExcerpt } from "./text";

type CauseForMetadata = {
  slug: string;
  title: string;
  summary: string;
  language: string;
  status?: string;
  tags?: { slug: string }[];
};
type UpdateForMetadata = {
  id: string;
  title: string;
  body: string;
  publishedAt?: Date;
  correctedAt?: Date | null;
};

/** og:image and twitter:image of one preview picture, with an alt text in the cause's language. */
function previewImage(path: string, title: string, language: string) {
  const alt = previewTranslator(causeLocale(language))("imageAlt", { title });
  return { url: absoluteUrl(path), width: PREVIEW_IMAGE.width, height: PREVIEW_IMAGE.height, alt, type: "image/png" };
}

// Drafts are seen only by their owner; their preview image and oEmbed answer 404 on purpose.
const isPublic = (cause: CauseForMetadata) => cause.status !== "draft";

/**
 * Metadata of a cause page: canonical URL, feed autodiscovery, and what a link shows when it is
 * pasted elsewhere (Open Graph, Twitter card, oEmbed discovery).
 */
export function causeMetadata(cause: CauseForMetadata): Metadata {
  const feeds = causeFeedPaths(cause.slug);
  const url = absoluteUrl(causePath(cause.slug));
  const description = cause.summary || undefined;
  const image = previewImage(causeImagePath(cause.slug), cause.title, cause.language);
  return {
    title: cause.title,
    description,
    alternates: {
      canonical: causePath(cause.slug),
      types: {
        [feedMimeTypes.rss]: [{ url: feeds.rss, title: `${cause.title} (RSS)` }],
        [feedMimeTypes.atom]: [{ url: feeds.atom, title: `${cause.title} (Atom)` }],
        [feedMimeTypes.json]: [{ url: feeds.json, title: `${cause.title} (JSON Feed)` }],
        ...(isPublic(cause)
          ? {
              [OEMBED_MIME]: [{ url: absoluteUrl(oembedPath(url)), title: cause.title }],
              // The cause as a fediverse actor (lib/fediverse), for servers that look for it here.
              "application/activity+json": [{ url: actorUrl("cause", cause.slug), title: cause.title }],
            }
          : {}),
      },
    },
    ...(isPublic(cause)
      ? {
          openGraph: {
            type: "website",
            siteName: SITE_NAME,
            url,
            title: cause.title,
            description,
            locale: ogLocale(cause.language),
            images: [image],
          },
          twitter: { card: "summary_large_image", title: cause.title, description, images: [{ url: image.url, alt: image.alt }] },
        }
      : {}),
  };
}

/** Metadata of an update's permalink page: an article of its cause, with its own preview image. */
export function updateMetadata(cause: CauseForMetadata, update: UpdateForMetadata): Metadata {
  const url = absoluteUrl(updatePath(cause.slug, update.id));
  const description = markdownExcerpt(update.body) || cause.summary || undefined;
  const image = previewImage(updateImagePath(cause.slug, update.id), update.title, cause.language);
  return {
    title: `${update.title} · ${cause.title}`,
    description,
    alternates: {
      canonical: updatePath(cause.slug, update.id),
      ...(isPublic(cause) ? { types: { [OEMBED_MIME]: [{ url: absoluteUrl(oembedPath(url)), title: update.title }] } } : {}),
    },
    ...(isPublic(cause)
      ? {
          openGraph: {
            type: "article",
            siteName: SITE_NAME,
            url,
            title: update.title,
            description,
            locale: ogLocale(cause.language),
            publishedTime: update.publishedAt?.toISOString(),
            modifiedTime: (update.correctedAt ?? update.publishedAt)?.toISOString(),
            section: cause.title,
            tags: cause.tags?.map((tag) => tag.slug),
            images: [image],
          },
          twitter: { card: "summary_large_image", title: update.title, description, images: [{ url: image.url, alt: image.alt }] },
        }
      : {}),
  };
}
