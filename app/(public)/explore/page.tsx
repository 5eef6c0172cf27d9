import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Explore } from "@/components/cause/explore";
import { exploreFilterSchema } from "@/lib/topic/schema";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("explore");
  return { title: t("title"), alternates: { canonical: "/explore" } };
}

export default async function ExplorePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const [t, filter] = await Promise.all([getTranslations("explore"), searchParams.then((p) => exploreFilterSchema.parse(p))]);
  return (
    <div className="space-y-8">
      <header className="max-w-2xl space-y-2">
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-lg text-muted">{t("lead")}</p>
      </header>
      <Explore filter={filter} basePath="/explore" />
    </div>
  );
}
