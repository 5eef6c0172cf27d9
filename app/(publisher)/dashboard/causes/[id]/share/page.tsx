import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CreateRefForm } from "@/components/share/create-ref-form";
import { RefCard } from "@/components/share/ref-card";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth";
import { refLink } from "@/lib/share/links";
import { listShareRefs } from "@/lib/share/queries";
import { getCauseForOwner } from "@/lib/topic/queries";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("share");
  return { title: t("title") };
}

export default async function ShareKitPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/causes/${id}/share`);
  const [t, cause] = await Promise.all([getTranslations("share"), getCauseForOwner(id, user.id)]);
  if (!cause) notFound();
  const refs = await listShareRefs(cause.id, user.id);

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Link href={`/dashboard/causes/${cause.id}`} className="text-sm text-muted hover:text-ink hover:underline">← {cause.title}</Link>
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl text-muted">{t("lead")}</p>
      </header>

      {cause.status !== "published" ? (
        <p role="status" className="rounded-xl bg-accent-soft px-4 py-3 text-sm font-medium text-accent-strong">{t("publishFirst")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <Card>
            <CreateRefForm topicId={cause.id} />
          </Card>
          <Card className="space-y-3 bg-paper">
            <h2 className="text-lg font-semibold">{t("checklistTitle")}</h2>
            <ul className="space-y-2 text-sm">
              {(["fit", "moment", "readers", "few"] as const).map((item) => (
                <li key={item} className="flex gap-2">
                  <span aria-hidden className="text-accent">✓</span>
                  <span>{t(`checklist.${item}`)}</span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}

      <section aria-labelledby="refs-heading" className="space-y-4">
        <h2 id="refs-heading" className="text-2xl font-semibold">{t("refsHeading")}</h2>
        <p className="text-sm text-muted">{t("privacy")}</p>
        {refs.length === 0 ? (
          <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
        ) : (
          <ul className="space-y-4">
            {refs.map((ref) => (
              <li key={ref.id}>
                <RefCard shareRef={ref} url={refLink(cause.slug, ref.code)} cause={cause} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
