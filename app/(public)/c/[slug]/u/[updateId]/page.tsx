import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FollowPanel } from "@/components/subscription/follow-panel";
import { ReportForm } from "@/components/moderation/report-form";
import { UpdateJsonLd } from "@/components/preview/json-ld";
import { UpdateCard } from "@/components/update/update-card";
import { ReadBeacon } from "@/components/insights/read-beacon";
import { getCurrentUser } from "@/lib/auth/session";
import { logger } from "@/lib/log.mjs";
import { markUpdateRead } from "@/lib/subscription/mutations";
import { updateMetadata } from "@/lib/preview/metadata";
import { getCauseBySlug } from "@/lib/topic/queries";
import { getUpdateInCause } from "@/lib/update/queries";

type Props = { params: Promise<{ slug: string; updateId: string }>; searchParams: Promise<{ follow?: string }> };

const log = logger("feed");

async function load({ params }: Props) {
  const { slug, updateId } = await params;
  const user = await getCurrentUser();
  const cause = await getCauseBySlug(slug, user?.id);
  const update = cause ? await getUpdateInCause(cause.slug, updateId) : null;
  return cause && update ? { cause, update, user } : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const found = await load(props);
  return found ? updateMetadata(found.cause, found.update) : {};
}

export default async function UpdatePermalinkPage(props: Props) {
  const found = await load(props);
  if (!found) notFound();
  const { cause, update, user } = found;
  // A signed-in reader who opens an update has read it: Mein Feed shows it as read from now on
  // (stored before the page is sent, so going back to the feed already shows it).
  if (user) await markUpdateRead(user, update.id).catch((error) => log.warn({ err: error }, "read mark not stored"));
  const t = await getTranslations("update");
  return (
    <div className="max-w-3xl space-y-6">
      <UpdateJsonLd cause={cause} update={update} />
      {cause.isOwner || cause.status === "draft" ? null : <ReadBeacon path={`/c/${cause.slug}/u/${update.id}`} />}
      <nav aria-label={t("breadcrumb")} className="text-sm text-muted">
        <Link href={`/c/${cause.slug}`} className="hover:text-ink hover:underline">← {cause.title}</Link>
      </nav>
      <h1 className="sr-only">{update.title}</h1>
      <UpdateCard update={update} causeSlug={cause.slug} language={cause.language} headingLevel="h2" />
      <FollowPanel cause={cause} signedIn={Boolean(user)} source={`/c/${cause.slug}/u/${update.id}`} followIntent={(await props.searchParams).follow === "1"} />
      {cause.status === "draft" ? null : <ReportForm target={`update:${update.id}`} kind="update" />}
    </div>
  );
}
