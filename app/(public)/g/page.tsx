import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { GroupCard } from "@/components/group/group-card";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { listPublicGroups } from "@/lib/group/queries";
import { groupSearchSchema } from "@/lib/group/schema";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups.index");
  return { title: t("title"), description: t("lead"), alternates: { canonical: "/g" } };
}

/** /g: every active partner group, searchable by name and concern. */
export default async function GroupsIndexPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { q } = groupSearchSchema.parse(await searchParams);
  const [t, groups] = await Promise.all([getTranslations("groups.index"), listPublicGroups({ q: q || undefined })]);
  return (
    <div className="space-y-8">
      <header className="max-w-2xl space-y-2">
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-lg text-muted">{t("lead")}</p>
      </header>
      <form role="search" action="/g" className="flex flex-col gap-3 sm:flex-row">
        <label className="sr-only" htmlFor="groups-q">{t("searchLabel")}</label>
        <Input id="groups-q" name="q" type="search" defaultValue={q} placeholder={t("searchPlaceholder")} maxLength={100} className="sm:flex-1" />
        <Button type="submit" variant="secondary">{t("search")}</Button>
      </form>
      {groups.length ? (
        <>
          {q ? <p className="text-sm text-muted" aria-live="polite">{t("resultCount", { count: groups.length })}</p> : null}
          <ul className="grid gap-4 sm:grid-cols-2">
            {groups.map((group) => (
              <li key={group.id} className="flex [&>*]:flex-1">
                <GroupCard group={group} />
              </li>
            ))}
          </ul>
        </>
      ) : q ? (
        <EmptyState title={t("noMatchTitle")}>{t("noMatchText")}</EmptyState>
      ) : (
        <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
      )}
    </div>
  );
}
