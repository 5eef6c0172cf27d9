import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";

type CauseCardProps = {
  cause: {
    slug: string;
    title: string;
    summary: string;
    language: string;
    followerCount: number;
    lastUpdateAt: Date | null;
    tags: { slug: string; label: string }[];
  };
};

export async function CauseCard({ cause }: CauseCardProps) {
  const [t, format] = await Promise.all([getTranslations("cause"), getFormatter()]);
  return (
    <Card className="flex flex-col gap-3 transition-shadow hover:shadow-md">
      <div className="flex items-start justify-between gap-3">
        <h3 className="text-xl font-semibold leading-snug">
          <Link href={`/c/${cause.slug}`} className="hover:text-accent" lang={cause.language}>
            {cause.title}
          </Link>
        </h3>
        <Badge className="shrink-0 uppercase" title={t(`languageName.${cause.language}`)}>{cause.language}</Badge>
      </div>
      {cause.summary ? <p className="text-muted" lang={cause.language}>{cause.summary}</p> : null}
      <div className="mt-auto flex flex-wrap items-center gap-x-3 gap-y-2 pt-2 text-sm text-muted">
        <span>{t("followers", { count: cause.followerCount })}</span>
        <span aria-hidden>·</span>
        <span>
          {cause.lastUpdateAt
            ? t("lastUpdate", { date: format.dateTime(cause.lastUpdateAt, { dateStyle: "medium" }) })
            : t("noUpdatesYet")}
        </span>
        {cause.tags.length ? (
          <ul className="flex flex-wrap gap-1.5" aria-label={t("tags")}>
            {cause.tags.map((tag) => (
              <li key={tag.slug}>
                <Link href={`/explore?tag=${encodeURIComponent(tag.slug)}`}>
                  <Badge className="hover:bg-accent-soft hover:text-accent-strong">#{tag.label}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}
