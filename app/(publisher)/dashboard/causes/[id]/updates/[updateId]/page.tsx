import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CorrectUpdateForm, DeleteUpdateForm } from "@/components/update/correct-update-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { timeZoneChoices } from "@/lib/subscription/email/rules";
import { getOwnUpdate } from "@/lib/update/queries";
import { localInputValue } from "@/lib/update/rules";

type Props = { params: Promise<{ id: string; updateId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("correctUpdate");
  return { title: t("title") };
}

/** Correct or delete one published update: a typo need not stay forever. */
export default async function CorrectUpdatePage({ params }: Props) {
  const { id, updateId } = await params;
  const user = await requireUser(`/dashboard/causes/${id}/updates/${updateId}`);
  const [t, format, update] = await Promise.all([getTranslations("correctUpdate"), getFormatter(), getOwnUpdate(updateId, user.id)]);
  if (!update || update.topic.id !== id) notFound();
  return (
    <div className="max-w-3xl space-y-8">
      <header className="space-y-2">
        <Link href={`/dashboard/causes/${id}`} className="text-sm text-muted hover:text-ink hover:underline">← {update.topic.title}</Link>
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-muted">
          {t("lead", { date: format.dateTime(update.publishedAt, { dateStyle: "long", timeStyle: "short" }) })}
        </p>
      </header>
      <Card>
        <CorrectUpdateForm
          update={{ id: update.id, kind: update.kind, title: update.title, body: update.body, correctionNote: update.correctionNote ?? "" }}
          schedule={scheduleValues(update)}
          timeZones={update.kind === "news" ? [] : timeZoneChoices(await getLocale())}
        />
      </Card>
      <Card className="space-y-3">
        <h2 className="text-xl font-semibold">{t("deleteTitle")}</h2>
        <p className="text-sm text-muted">{t("deleteText")}</p>
        <DeleteUpdateForm updateId={update.id} />
      </Card>
    </div>
  );
}

/** An event's or call's stored times as the form's wall-clock values in their own zone. */
function scheduleValues(update: { startsAt: Date | null; endsAt: Date | null; deadline: Date | null; place: string | null; callUrl: string | null; timeZone: string | null }) {
  const zone = update.timeZone ?? env.DEFAULT_TIME_ZONE;
  const local = (date: Date | null) => (date ? localInputValue(date, zone) : "");
  return { startsAt: local(update.startsAt), endsAt: local(update.endsAt), deadline: local(update.deadline), place: update.place ?? "", callUrl: update.callUrl ?? "", timeZone: zone };
}
