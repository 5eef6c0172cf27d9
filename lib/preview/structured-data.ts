import "server-only";
import { absoluteUrl } from "@/lib/url";
import { causeImagePath, causePath, SITE_NAME, updateImagePath, updatePath } from "./links";
import { markdownExcerpt } from "./text";

type Cause = {
  slug: string;
  title: string;
  summary: string;
  language: string;
  tags?: { slug: string }[];
  publishedAt?: Date | null;
  updatedAt?: Date;
};
type Update = { id: string; kind?: string; title: string; body: string; publishedAt: Date; correctedAt?: Date | null };

const website = () => ({ "@type": "WebSite", name: SITE_NAME, url: absoluteUrl("/") });

/** schema.org description of a cause page. */
export function causeStructuredData(cause: Cause) {
  return {
    "@context": "https://schema.org",
    "@type": "WebPage",
    "@id": absoluteUrl(causePath(cause.slug)),
    url: absoluteUrl(causePath(cause.slug)),
    name: cause.title,
    description: cause.summary || undefined,
    inLanguage: cause.language,
    keywords: cause.tags?.length ? cause.tags.map((tag) => tag.slug).join(", ") : undefined,
    image: absoluteUrl(causeImagePath(cause.slug)),
    datePublished: cause.publishedAt?.toISOString(),
    dateModified: cause.updatedAt?.toISOString(),
    isPartOf: website(),
  };
}

/** schema.org description of an update permalink: news are a NewsArticle, events and calls an Article. */
export function updateStructuredData(cause: Cause, update: Update) {
  const url = absoluteUrl(updatePath(cause.slug, update.id));
  return {
    "@context": "https://schema.org",
    "@type": update.kind === "news" ? "NewsArticle" : "Article",
    "@id": url,
    url,
    mainEntityOfPage: url,
    headline: update.title,
    description: markdownExcerpt(update.body) || undefined,
    inLanguage: cause.language,
    datePublished: update.publishedAt.toISOString(),
    dateModified: (update.correctedAt ?? update.publishedAt).toISOString(),
    image: absoluteUrl(updateImagePath(cause.slug, update.id)),
    keywords: cause.tags?.length ? cause.tags.map((tag) => tag.slug).join(", ") : undefined,
    isPartOf: { "@type": "WebPage", "@id": absoluteUrl(causePath(cause.slug)), name: cause.title, url: absoluteUrl(causePath(cause.slug)) },
    publisher: { "@type": "Organization", name: SITE_NAME, url: absoluteUrl("/") },
  };
}

/**
 * JSON for inside <script type="application/ld+json">. The HTML parser ends the script at the
 * first "</script", whatever JSON thinks, so <, > and & never appear raw; U+2028/2029 are escaped
 * for old JavaScript parsers that treat them as line ends.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
