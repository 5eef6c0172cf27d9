import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { FollowPanel } from "@/components/subscription/follow-panel";
import { ReportForm } from "@/components/moderation/report-form";
import { UpdateCard } from "@/components/update/update-card";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getCurrentUser } from "@/lib/auth/session";
import { feedFormatLabels, feedFormats, feedMimeTypes, groupFeedPaths } from "@/lib/feed/links";
import { getGroupBySlug, getGroupStream } from "@/lib/group/queries";
import { renderMarkdown } from "@/lib/markdown";
import { getViewerEmailState } from "@/lib/subscription/email/queries";
import { feedCursorSchema } from "@/lib/subscription/schema";
import { FediverseChoice } from "@/components/feed/fediverse-choice";
import { CalendarLink } from "@/components/update/calendar-link";
import { groupCalendarPath } from "@/lib/calendar/links";
import { actorUrl } from "@/lib/fediverse/links";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ after?: string; joined?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  // The same arguments as the page's own call, so both share one query (React cache).
  const user = await getCurrentUser();
  const group = await getGroupBySlug(slug, user?.id);
  if (!group) return {};
  const feeds = groupFeedPaths(group.slug);
  return {
    title: group.name,
    description: group.concern,
    alternates: {
      canonical: `/g/${group.slug}`,
      types: {
        ...Object.fromEntries(feedFormats.map((f) => [feedMimeTypes[f], [{ url: feeds[f], title: `${group.name} (${feedFormatLabels[f]})` }]])),
        // The group as a fediverse actor (lib/fediverse).
        "application/activity+json": [{ url: actorUrl("group", group.slug), title: group.name }],
      },
    },
  };
}

export default async function GroupPage({ params, searchParams }: Props) {
  const [{ slug }, { after, joined }] = await Promise.all([params, searchParams]);
  const user = await getCurrentUser();
  const group = await getGroupBySlug(slug, user?.id);
  if (!group) notFound();
  const cursor = feedCursorSchema.parse(after);
  const [t, format, stream, email] = await Promise.all([
    getTranslations("groups"),
    getFormatter(),
    getGroupStream(group.id, cursor),
    getViewerEmailState(user?.id, { groupId: group.id }),
  ]);
  const feeds = groupFeedPaths(group.slug);

  return (
    <article className="space-y-10">
      {joined && group.viewerMemberTopicIds.length ? (
        <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium">{t("page.joinedNotice")}</p>
      ) : null}
      {group.status === "archived" ? (
        <p role="status" className="rounded-xl bg-accent-soft px-4 py-3 text-sm font-medium text-accent-strong">{t("page.archivedBanner")}</p>
      ) : null}
      <header className="max-w-3xl space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <Badge className="bg-accent-soft text-accent-strong">{t("page.eyebrow")}</Badge>
          <Badge className="uppercase">{group.language}</Badge>
          {group.tags.map((tag) => (
            <Badge key={tag.slug}>#{tag.label}</Badge>
          ))}
        </div>
        <h1 className="text-4xl font-semibold leading-tight sm:text-5xl" lang={group.language}>{group.name}</h1>
        <p className="text-xl text-muted" lang={group.language}>{group.concern}</p>
        <FollowPanel group={group} signedIn={Boolean(user)} source={`/g/${group.slug}`} email={email}>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-muted">{t("page.feeds")}:</span>
            {feedFormats.map((f) => (
              <a key={f} href={feeds[f]} className="font-medium text-accent underline underline-offset-4">{feedFormatLabels[f]}</a>
            ))}
          </p>
        </FollowPanel>
        {group.status === "active" ? <FediverseChoice kind="group" slug={group.slug} title={group.name} /> : null}
        {group.isAdmin || group.viewerMemberTopicIds.length ? (
          <ButtonLink href={`/dashboard/groups/${group.id}`} variant="quiet" size="sm" className="px-0">{t("page.manage")} →</ButtonLink>
        ) : null}
      </header>

      {group.description ? (
        <div className="prose-cause" lang={group.language} dangerouslySetInnerHTML={{ __html: renderMarkdown(group.description) }} />
      ) : null}

      <section aria-labelledby="members-heading" className="space-y-4">
        <h2 id="members-heading" className="text-2xl font-semibold">{t("page.membersHeading", { count: group.members.length })}</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {group.members.map((member) => (
            <li key={member.id} data-testid="group-member">
              <Card className="h-full space-y-2">
                <Link href={`/c/${member.slug}`} className="font-serif text-lg font-semibold hover:text-accent" lang={member.language}>
                  {member.title}
                </Link>
                {member.summary ? <p className="text-sm text-muted" lang={member.language}>{member.summary}</p> : null}
                <p className="text-xs text-muted">
                  {t("page.memberSince", { date: format.dateTime(member.joinedAt, { dateStyle: "medium" }) })}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="stream-heading" className="max-w-3xl space-y-4">
        <h2 id="stream-heading" className="text-2xl font-semibold">{t("page.streamHeading")}</h2>
        {stream.items.some(({ update }) => update.kind === "event") ? <CalendarLink path={groupCalendarPath(group.slug)} /> : null}
        {stream.items.length ? (
          <ol className="space-y-4">
            {stream.items.map(({ update, topic }) => (
              <li key={update.id} data-testid="group-stream-item">
                <UpdateCard
                  update={update}
                  causeSlug={topic.slug}
                  language={topic.language}
                  header={
                    <p className="mb-2 text-sm font-semibold">
                      <Link href={`/c/${topic.slug}`} className="hover:text-accent">{topic.title}</Link>
                    </p>
                  }
                />
              </li>
            ))}
          </ol>
        ) : (
          <EmptyState title={t("page.streamEmptyTitle")}>{t("page.streamEmptyText")}</EmptyState>
        )}
        {stream.nextCursor || cursor ? (
          <nav className="flex justify-between" aria-label={t("page.pagination")}>
            {cursor ? <ButtonLink href={`/g/${group.slug}`} variant="ghost">← {t("page.newest")}</ButtonLink> : <span />}
            {stream.nextCursor ? (
              <ButtonLink href={`/g/${group.slug}?after=${stream.nextCursor}`} variant="secondary">{t("page.older")} →</ButtonLink>
            ) : null}
          </nav>
        ) : null}
      </section>

      <ReportForm target={`group:${group.id}`} kind="group" />
    </article>
  );
}
