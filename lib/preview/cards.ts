import "server-only";
import { env } from "@/lib/env";
import { absoluteUrl } from "@/lib/url";
import { causeLocale, previewTranslator } from "./i18n";
import type { PreviewCard } from "./image";
import { causePath, updatePath } from "./links";
import type { PreviewCause } from "./queries";
import { markdownExcerpt } from "./text";

type PreviewUpdate = { id: string; kind: string; title: string; body: string; publishedAt: Date; startsAt?: Date | null; place?: string | null };

/** "herzensthema.example.org/c/slug": where the link leads, as a reader would type it. */
function address(path: string): string {
  const url = new URL(absoluteUrl(path));
  return `${url.host}${url.pathname}`;
}

/** The preview image of a cause: its title and summary, its tags, the pull promise. */
export function causeCard(cause: PreviewCause): PreviewCard {
  const t = previewTranslator(causeLocale(cause.language));
  return {
    title: cause.title,
    summary: cause.summary,
    meta: cause.tags.slice(0, 3).map((tag) => `#${tag.slug}`).join("  "),
    address: address(causePath(cause.slug)),
    promise: t("promise"),
  };
}

/** The preview image of an update: kind and date, its cause above the title, the first words. */
export function updateCard(cause: PreviewCause, update: PreviewUpdate): PreviewCard {
  const locale = causeLocale(cause.language);
  const t = previewTranslator(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: env.DEFAULT_TIME_ZONE });
  const when = update.kind === "event" && update.startsAt ? update.startsAt : update.publishedAt;
  const kind = update.kind === "event" || update.kind === "call" ? update.kind : "news";
  const excerpt = markdownExcerpt(update.body, 160);
  return {
    eyebrow: cause.title,
    title: update.title,
    summary: update.place ? [update.place, excerpt].filter(Boolean).join(" · ") : excerpt,
    meta: `${t(`kind.${kind}`)} · ${date.format(when)}`,
    address: address(updatePath(cause.slug, update.id)),
    promise: t("promise"),
  };
}
