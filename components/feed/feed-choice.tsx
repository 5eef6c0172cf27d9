import { getTranslations } from "next-intl/server";
import { causeFeedPaths, feedFormatLabels, feedFormats, feedMimeTypes } from "@/lib/feed/links";
import { absoluteUrl } from "@/lib/url";
import { Explainer } from "@/components/ui/explainer";
import { CopyField } from "./copy-field";
import { FeedIcon } from "./feed-icon";

/**
 * "Subscribe by feed": the purest pull, offered next to Follow. No account, no subscription row:
 * a feed reader fetches the public feed itself. Explains feed readers for people who never used one.
 */
export async function FeedChoice({ slug, title, hasFeed }: { slug: string; title: string; hasFeed: boolean }) {
  const t = await getTranslations("feeds.choice");
  if (!hasFeed) {
    return <p className="px-1 text-sm text-muted" data-testid="feed-choice-draft">{t("draftNote")}</p>;
  }
  const paths = causeFeedPaths(slug);

  return (
    <section
      aria-labelledby="feed-choice-heading"
      className="space-y-4 rounded-2xl border border-line p-5"
      data-testid="feed-choice"
    >
      <div className="flex gap-3">
        <span className="mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-accent-soft text-accent">
          <FeedIcon className="h-4 w-4" />
        </span>
        <div className="min-w-0 space-y-1">
          <h2 id="feed-choice-heading" className="font-sans text-base font-semibold tracking-normal">
            {t("heading")}
          </h2>
          <p className="text-sm text-muted">{t("lead")}</p>
        </div>
      </div>

      <CopyField label={t("urlLabel", { title })} value={absoluteUrl(paths.rss)} testId="feed-url" />

      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted">{t("formats")}:</span>
        {feedFormats.map((format) => (
          <a
            key={format}
            href={paths[format]}
            type={feedMimeTypes[format]}
            aria-label={t("openFormat", { format: feedFormatLabels[format], title })}
            className="rounded-full border border-line px-3 py-1 font-medium hover:border-accent hover:text-accent"
            data-testid={`feed-link-${format}`}
          >
            {feedFormatLabels[format]}
          </a>
        ))}
      </div>

      <Explainer summary={t("explainSummary")}>
        <p>{t("explainWhat")}</p>
        <p>{t("explainHow")}</p>
        <p>{t("explainFormats")}</p>
      </Explainer>
    </section>
  );
}
