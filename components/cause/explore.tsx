import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listPopularTags, listPublishedCauses } from "@/lib/topic/queries";
import type { ExploreFilter } from "@/lib/topic/schema";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";
import { CauseCard } from "./cause-card";

/** Search, filters and the list of published causes; shared by the landing and explore pages. */
export async function Explore({ filter, basePath }: { filter: ExploreFilter; basePath: string }) {
  const [t, causes, tags] = await Promise.all([
    getTranslations("explore"),
    listPublishedCauses(filter),
    listPopularTags(),
  ]);
  const filtered = Boolean(filter.q || filter.tag || filter.lang);
  const withTag = (tag?: string) => {
    const params = new URLSearchParams();
    if (filter.q) params.set("q", filter.q);
    if (filter.lang) params.set("lang", filter.lang);
    if (tag) params.set("tag", tag);
    const query = params.toString();
    return query ? `${basePath}?${query}` : basePath;
  };

  return (
    <section aria-labelledby="explore-heading" className="space-y-6">
      <h2 id="explore-heading" className="text-2xl font-semibold sm:text-3xl">{t("heading")}</h2>
      <form role="search" action={basePath} className="flex flex-col gap-3 sm:flex-row">
        {filter.tag ? <input type="hidden" name="tag" value={filter.tag} /> : null}
        <label className="sr-only" htmlFor="explore-q">{t("searchLabel")}</label>
        <Input id="explore-q" name="q" type="search" defaultValue={filter.q} placeholder={t("searchPlaceholder")} maxLength={100} className="sm:flex-1" />
        <label className="sr-only" htmlFor="explore-lang">{t("languageLabel")}</label>
        <Select id="explore-lang" name="lang" defaultValue={filter.lang ?? ""} className="sm:w-44">
          <option value="">{t("allLanguages")}</option>
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </Select>
        <Button type="submit" variant="secondary">{t("search")}</Button>
      </form>
      {tags.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={t("tagsLabel")}>
          {tags.map((tag) => {
            const active = tag.slug === filter.tag;
            return (
              <li key={tag.slug}>
                <Link
                  href={withTag(active ? undefined : tag.slug)}
                  aria-current={active ? "true" : undefined}
                  className={cn(
                    "inline-flex rounded-full border px-3 py-1 text-sm",
                    active ? "border-accent bg-accent-soft text-accent-strong" : "border-line hover:border-muted",
                  )}
                >
                  #{tag.label} <span className="ml-1 text-muted">{tag.count}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      ) : null}
      {causes.length ? (
        <>
          {filtered ? <p className="text-sm text-muted" aria-live="polite">{t("resultCount", { count: causes.length })}</p> : null}
          <ul className="grid gap-4 sm:grid-cols-2">
            {causes.map((cause) => (
              <li key={cause.id} className="flex [&>*]:flex-1">
                <CauseCard cause={cause} />
              </li>
            ))}
          </ul>
        </>
      ) : filtered ? (
        <EmptyState title={t("noMatchTitle")} action={<ButtonLink href={basePath} variant="secondary">{t("clearFilters")}</ButtonLink>}>
          {t("noMatchText")}
        </EmptyState>
      ) : (
        <EmptyState title={t("emptyTitle")} action={<ButtonLink href="/dashboard/new">{t("startCause")}</ButtonLink>}>
          {t("emptyText")}
        </EmptyState>
      )}
    </section>
  );
}
