import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { renderMarkdown } from "@/lib/markdown";
import { Badge } from "@/components/ui/card";
import { ScheduleNote, type ScheduleOfUpdate } from "./schedule-note";

type UpdateCardProps = {
  update: ScheduleOfUpdate & { title: string; body: string; publishedAt: Date; correctedAt: Date | null; correctionNote?: string | null };
  causeSlug: string;
  language?: string;
  /** Rendered as the heading level that fits the page. */
  headingLevel?: "h2" | "h3";
  footer?: ReactNode;
  header?: ReactNode;
};

export async function UpdateCard({ update, causeSlug, language, headingLevel = "h3", footer, header }: UpdateCardProps) {
  const [t, format] = await Promise.all([getTranslations("update"), getFormatter()]);
  const Heading = headingLevel;
  const permalink = `/c/${causeSlug}/u/${update.id}`;
  return (
    <article className="rounded-2xl border border-line bg-card p-5 sm:p-6" aria-labelledby={`update-${update.id}`}>
      {header}
      <div className="flex flex-wrap items-center gap-2 text-sm text-muted">
        <Badge>{t(`kind.${update.kind}`)}</Badge>
        <Link href={permalink} className="hover:text-ink hover:underline">
          <time dateTime={update.publishedAt.toISOString()}>
            {format.dateTime(update.publishedAt, { dateStyle: "long", timeStyle: "short" })}
          </time>
        </Link>
        {update.correctedAt ? <Badge>{t("corrected")}</Badge> : null}
      </div>
      <Heading id={`update-${update.id}`} className="mt-3 text-xl font-semibold" lang={language}>
        <Link href={permalink} className="hover:text-accent">
          {update.title}
        </Link>
      </Heading>
      {update.correctedAt && update.correctionNote ? (
        <p className="mt-2 text-sm text-muted" data-testid="correction-note">
          {t("correctedOn", { date: format.dateTime(update.correctedAt, { dateStyle: "long" }), note: update.correctionNote })}
        </p>
      ) : null}
      <ScheduleNote update={update} />
      <div
        className="prose-cause mt-3"
        lang={language}
        dangerouslySetInnerHTML={{ __html: renderMarkdown(update.body) }}
      />
      {footer ? <div className="mt-5 border-t border-line pt-4">{footer}</div> : null}
    </article>
  );
}
