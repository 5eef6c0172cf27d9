import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Explore } from "@/components/cause/explore";
import { exploreFilterSchema } from "@/lib/topic/schema";
import { ButtonLink } from "@/components/ui/button";

// One address for the landing page, whatever filters its list carries.
export const metadata: Metadata = { alternates: { canonical: "/" } };

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const [t, filter] = await Promise.all([getTranslations("home"), searchParams.then((p) => exploreFilterSchema.parse(p))]);
  return (
    <div className="space-y-14">
      <section className="max-w-3xl space-y-5">
        <p className="text-sm font-semibold uppercase tracking-widest text-accent">{t("eyebrow")}</p>
        <h1 className="text-4xl font-semibold leading-tight sm:text-5xl">{t("title")}</h1>
        <p className="text-lg text-muted">{t("lead")}</p>
        <ol className="grid gap-3 pt-2 sm:grid-cols-3">
          {(["choose", "read", "leave"] as const).map((step, index) => (
            <li key={step} className="rounded-2xl border border-line bg-card p-4">
              <span className="font-serif text-2xl text-accent">{index + 1}</span>
              <p className="mt-1 font-semibold">{t(`steps.${step}.title`)}</p>
              <p className="mt-1 text-sm text-muted">{t(`steps.${step}.text`)}</p>
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap gap-3 pt-2">
          <ButtonLink href="/explore">{t("explore")}</ButtonLink>
          <ButtonLink href="/dashboard/new" variant="secondary">{t("start")}</ButtonLink>
        </div>
      </section>
      <Explore filter={filter} basePath="/" />
    </div>
  );
}
