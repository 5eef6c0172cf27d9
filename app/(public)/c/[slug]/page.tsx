import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { after } from "next/server";
import { getTranslations } from "next-intl/server";
import { CauseCard } from "@/components/cause/cause-card";
import { FollowPanel } from "@/components/subscription/follow-panel";
import { FediverseChoice } from "@/components/feed/fediverse-choice";
import { FeedChoice } from "@/components/feed/feed-choice";
import { CalendarLink } from "@/components/update/calendar-link";
import { causeCalendarPath } from "@/lib/calendar/links";
import { ReportForm } from "@/components/moderation/report-form";
import { CauseJsonLd } from "@/components/preview/json-ld";
import { UpdateCard } from "@/components/update/update-card";
import { Badge } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ReadBeacon } from "@/components/insights/read-beacon";
import { getCurrentUser } from "@/lib/auth/session";
import { clientNetworkFrom } from "@/lib/client";
import { renderMarkdown } from "@/lib/markdown";
import { causeMetadata } from "@/lib/preview/metadata";
import { recordRefVisit } from "@/lib/share/mutations";
import { isCountableVisit } from "@/lib/share/rules";
import { refParamSchema } from "@/lib/share/schema";
import { getViewerEmailState } from "@/lib/subscription/email/queries";
import { listGroupsOfCause } from "@/lib/group/queries";
import { getCauseBySlug, listSimilarCauses } from "@/lib/topic/queries";
import { listCauseUpdates } from "@/lib/update/queries";
import { logger } from "@/lib/log.mjs";

const log = logger("share");

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ ref?: string | string[]; counted?: string; follow?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const user = await getCurrentUser();
  const cause = await getCauseBySlug(slug, user?.id);
  return cause ? causeMetadata(cause) : {};
}

export default async function CausePage({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const user = await getCurrentUser();
  const cause = await getCauseBySlug(slug, user?.id);
  if (!cause) notFound();
  const ref = refParamSchema.parse(query.ref);
  // A visit through a share link is counted after the response, in aggregate, only when a person
  // opens the page; `counted` marks the return from sign-in so one visitor is not counted twice.
  // A reload by the same client within half an hour is no new visit (lib/share/mutations.ts).
  const requestHeaders = await headers();
  if (ref && !query.counted && isCountableVisit(requestHeaders)) {
    const visitor = { client: clientNetworkFrom(requestHeaders), agent: requestHeaders.get("user-agent") };
    after(() => recordRefVisit(cause.id, ref, visitor).catch((error) => log.error({ err: error }, "share link visit not counted")));
  }
  const [t, updates, email, groups, similar] = await Promise.all([
    getTranslations("cause"),
    listCauseUpdates(cause.id),
    getViewerEmailState(user?.id, { topicId: cause.id }),
    listGroupsOfCause(cause.id),
    cause.status === "draft" ? [] : listSimilarCauses(cause),
  ]);

  return (
    <article className="space-y-10">
      <CauseJsonLd cause={cause} />
      {cause.isOwner || cause.status === "draft" ? null : <ReadBeacon path={`/c/${cause.slug}`} />}
      {cause.status !== "published" ? (
        <p role="status" className="rounded-xl bg-accent-soft px-4 py-3 text-sm font-medium text-accent-strong">
          {t(cause.status === "draft" ? "draftBanner" : "archivedBanner")}
        </p>
      ) : null}
      <header className="max-w-3xl space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <Badge className="uppercase">{cause.language}</Badge>
          {cause.tags.map((tag) => (
            <Link key={tag.slug} href={`/explore?tag=${encodeURIComponent(tag.slug)}`}>
              <Badge className="hover:bg-accent-soft hover:text-accent-strong">#{tag.label}</Badge>
            </Link>
          ))}
        </div>
        <h1 className="text-4xl font-semibold leading-tight sm:text-5xl" lang={cause.language}>{cause.title}</h1>
        {cause.summary ? <p className="text-xl text-muted" lang={cause.language}>{cause.summary}</p> : null}
        {groups.length ? (
          <p className="text-sm text-muted" data-testid="cause-groups">
            {t("partOfGroups", { count: groups.length })}{" "}
            {groups.map((group, index) => (
              <span key={group.slug}>
                {index ? ", " : null}
                <Link href={`/g/${group.slug}`} className="font-medium text-accent underline-offset-4 hover:underline" lang={group.language}>
                  {group.name}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
        <FollowPanel cause={cause} signedIn={Boolean(user)} source={`/c/${cause.slug}`} shareRef={ref} email={email} followIntent={query.follow === "1"} />
        <FeedChoice slug={cause.slug} title={cause.title} hasFeed={cause.status !== "draft"} />
        {cause.status === "published" ? <FediverseChoice kind="cause" slug={cause.slug} title={cause.title} /> : null}
        {cause.isOwner ? (
          <ButtonLink href={`/dashboard/causes/${cause.id}`} variant="quiet" size="sm" className="px-0">
            {t("manage")} →
          </ButtonLink>
        ) : null}
      </header>

      {cause.body ? (
        <div className="prose-cause" lang={cause.language} dangerouslySetInnerHTML={{ __html: renderMarkdown(cause.body) }} />
      ) : null}

      <section aria-labelledby="updates-heading" className="max-w-3xl space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="updates-heading" className="text-2xl font-semibold">{t("updatesHeading")}</h2>
          <p className="text-sm text-muted" data-testid="budget-note">{t("budgetNote", { count: cause.pushBudget })}</p>
        </div>
        {updates.some((update) => update.kind === "event") ? <CalendarLink path={causeCalendarPath(cause.slug)} /> : null}
        {updates.length ? (
          <ol className="space-y-4">
            {updates.map((update) => (
              <li key={update.id}>
                <UpdateCard update={update} causeSlug={cause.slug} language={cause.language} />
              </li>
            ))}
          </ol>
        ) : (
          <EmptyState title={t("noUpdatesTitle")}>{t("noUpdatesText")}</EmptyState>
        )}
      </section>

      {similar.length ? (
        <section aria-labelledby="similar-heading" className="space-y-4" data-testid="similar-causes">
          <h2 id="similar-heading" className="text-2xl font-semibold">{t("similarHeading")}</h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {similar.map((other) => (
              <li key={other.id} className="flex [&>*]:flex-1">
                <CauseCard cause={other} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {cause.status === "draft" ? null : <ReportForm target={`cause:${cause.id}`} kind="cause" />}
    </article>
  );
}
