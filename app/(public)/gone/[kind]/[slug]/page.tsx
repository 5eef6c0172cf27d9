import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { getGonePage } from "@/lib/moderation/queries";
import { safeDecode } from "@/lib/text";

// proxy.ts rewrites the page of a suspended or removed cause, a suspended group or a hidden update
// here, with status 410 Gone: a calm explanation instead of the content, in the reader's language.

type Props = { params: Promise<{ kind: string; slug: string }> };

export const metadata: Metadata = { robots: { index: false } };

export default async function GonePage({ params }: Props) {
  const { kind, slug } = await params;
  const decoded = safeDecode(slug);
  const gone = decoded ? await getGonePage(kind, decoded) : null;
  if (!gone) notFound();
  const t = await getTranslations("moderation.gone");
  const key = gone.kind === "update" ? "updateHidden" : gone.kind === "group" ? "groupSuspended" : gone.reason === "removed" ? "causeRemoved" : "causeSuspended";
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center" data-testid="gone">
      <p className="font-serif text-6xl text-accent">410</p>
      <h1 className="text-3xl font-semibold break-words">{t(`${key}.title`, { title: gone.title })}</h1>
      <p className="text-muted">{t(`${key}.text`)}</p>
      <div className="flex flex-wrap justify-center gap-3">
        {gone.kind === "update" && gone.causeLive ? (
          <ButtonLink href={`/c/${gone.slug}`} variant="secondary">{t("backToCause")}</ButtonLink>
        ) : null}
        <ButtonLink href="/explore" variant={gone.kind === "update" && gone.causeLive ? "quiet" : "secondary"}>{t("explore")}</ButtonLink>
      </div>
    </div>
  );
}
