import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listPopularTags, listPublishedCauses } from "@/lib/topic/queries";
import type { ExploreFilter } from "@/lib/topic/schema";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";
import { GroupCard } from "@/components/group/group-card";
import { listPublicGroups } from "@/lib/group/queries";
import { CauseCard } from "./cause-card";

const EXPLORE_GROUPS = 4;

/** Search, filters and the list of published causes; shared by the landing and explore pages. */
export async function Explore({ filter, basePath }: { filter: ExploreFilter; basePath: string }) {
  const [t, tg, causes, tags, groups] = await Promise.all([
    getTranslations("explore"),
    getTranslations("groups.index"),
    listPublishedCauses(filter),
    listPopularTags(),
    // Partner groups are found here too: the newest, or those matching the search (a tag or
    // language filter is about causes: then none).
    filter.tag || filter.lang ? [] : listPublicGroups({ q: filter.q, take: EXPLORE_GROUPS }),
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
    <>
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
    {groups.length ? (
      <section aria-labelledby="explore-groups-heading" className="space-y-4" data-testid="explore-groups">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="explore-groups-heading" className="text-2xl font-semibold">{tg("exploreHeading")}</h2>
          <Link href="/g" className="text-sm font-medium text-accent underline-offset-4 hover:underline">{tg("exploreAll")} →</Link>
        </div>
        <ul className="grid gap-4 sm:grid-cols-2">
          {groups.map((group) => (
            <li key={group.id} className="flex [&>*]:flex-1">
              <GroupCard group={group} memberLinks={false} />
            </li>
          ))}
        </ul>
      </section>
    ) : null}
    </>
  );
}
