import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { PartnerNewsForm } from "@/components/group/partner-news-form";
import { LeaveForm } from "@/components/subscription/leave-form";
import { MarkAllReadForm, MarkReadForm } from "@/components/subscription/mark-read-form";
import { UpdateCard } from "@/components/update/update-card";
import { ButtonLink } from "@/components/ui/button";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { EmptyState } from "@/components/ui/empty-state";
import { ActionButton } from "@/components/ui/action-button";
import { requireUser } from "@/lib/auth/session";
import { undoLeaveAction } from "@/lib/subscription/actions";
import { followedAgain, recentlyLeft } from "@/lib/subscription/undo";
import { getReaderFeed } from "@/lib/subscription/queries";
import { feedCursorSchema, idParamSchema } from "@/lib/subscription/schema";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("feed");
  return { title: t("title") };
}

type FeedQuery = { after?: string; left?: string; back?: string };

export default async function FeedPage({ searchParams }: { searchParams: Promise<FeedQuery> }) {
  // Sign-in is checked before anything streams, so the redirect is a real one.
  const user = await requireUser("/feed");
  const query = await searchParams;
  const cursor = feedCursorSchema.parse(query.after);
  return (
    <Suspense key={cursor ?? "first"} fallback={<PageSkeleton />}>
      <Feed userId={user.id} cursor={cursor} notice={<LeaveNotice userId={user.id} left={query.left} back={query.back} />} />
    </Suspense>
  );
}

/**
 * After leaving from Mein Feed (its items are gone): what happened, with Undo for a few minutes;
 * after Undo: that it is followed again. Names come from the reader's own subscription.
 */
async function LeaveNotice({ userId, left, back }: { userId: string; left?: string; back?: string }) {
  const t = await getTranslations("feed");
  const leftId = idParamSchema.parse(left);
  const backId = idParamSchema.parse(back);
  if (leftId) {
    const subscription = await recentlyLeft({ id: userId }, leftId);
    if (!subscription) return null;
    return (
      <div role="status" className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-line/60 px-4 py-3 text-sm font-medium" data-testid="left-notice">
        <span>{t("leftNotice", { title: subscription.title })}</span>
        <ActionButton action={undoLeaveAction} fields={{ subscriptionId: subscription.id }} label={t("undo")} ariaLabel={t("undoNamed", { title: subscription.title })} testId="undo-leave" />
      </div>
    );
  }
  if (backId) {
    const title = await followedAgain({ id: userId }, backId);
    return title ? (
      <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium" data-testid="back-notice">{t("backNotice", { title })}</p>
    ) : null;
  }
  return null;
}

async function Feed({ userId, cursor, notice }: { userId: string; cursor?: string; notice?: React.ReactNode }) {
  const [t, format, feed] = await Promise.all([getTranslations("feed"), getFormatter(), getReaderFeed(userId, cursor)]);

  return (
    <div className="max-w-3xl space-y-8">
      {notice}
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-4xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("lead", { count: feed.followingCount })}</p>
        </div>
        {feed.items.some((item) => item.unread) ? <MarkAllReadForm /> : null}
      </header>

      {feed.ended.length && !cursor ? <EndedNotice ended={feed.ended} /> : null}

      {feed.followingCount === 0 ? (
        <EmptyState title={t("emptyTitle")} action={<ButtonLink href="/explore">{t("exploreCauses")}</ButtonLink>}>
          {t("emptyText")}
        </EmptyState>
      ) : feed.items.length === 0 ? (
        <EmptyState title={cursor ? t("endTitle") : t("quietTitle")} action={<ButtonLink href="/explore" variant="secondary">{t("exploreCauses")}</ButtonLink>}>
          {cursor ? t("endText") : t("quietText")}
        </EmptyState>
      ) : (
        <ol className="space-y-4" aria-label={t("title")}>
          {feed.items.map(({ update, topic, reason, unread }) => (
            <li key={update.id} data-testid="feed-item" data-unread={unread ? "true" : "false"} data-reason={reason.kind}>
              <UpdateCard
                update={update}
                causeSlug={topic.slug}
                language={topic.language}
                headingLevel="h2"
                header={
                  <p className="mb-2 flex flex-wrap items-center gap-2 text-sm font-semibold">
                    {unread ? (
                      <span className="inline-flex items-center gap-1.5 text-accent">
                        <span aria-hidden className="h-2 w-2 rounded-full bg-accent" />
                        {t("unread")}
                      </span>
                    ) : null}
                    <Link href={`/c/${topic.slug}`} className="hover:text-accent">{topic.title}</Link>
                    {reason.kind !== "cause" ? (
                      <Link href={`/g/${reason.group.slug}`} className="font-normal text-muted hover:text-ink">· {reason.group.name}</Link>
                    ) : null}
                  </p>
                }
                footer={
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <p className="text-sm text-muted" data-testid="feed-why">
                      {reason.kind === "cause"
                        ? t("why", { title: topic.title, date: format.dateTime(reason.since, { dateStyle: "long" }) })
                        : reason.kind === "group"
                          ? t("whyGroup", { group: reason.group.name, title: topic.title, date: format.dateTime(reason.since, { dateStyle: "long" }) })
                          : t("whyPartner", { via: reason.via.title, title: topic.title, group: reason.group.name })}
                    </p>
                    <div className="flex items-center gap-2">
                      <MarkReadForm key={`${update.id}-${unread}`} updateId={update.id} unread={unread} />
                      {reason.kind === "partner" ? (
                        <PartnerNewsForm topicId={reason.via.id} enabled title={reason.via.title} />
                      ) : (
                        <LeaveForm
                          subscriptionId={reason.subscriptionId}
                          title={reason.kind === "group" ? reason.group.name : topic.title}
                          source="/feed"
                        />
                      )}
                    </div>
                  </div>
                }
              />
            </li>
          ))}
        </ol>
      )}

      {feed.nextCursor || cursor ? (
        <nav aria-label={t("pagination")} className="flex justify-between">
          {cursor ? <ButtonLink href="/feed" variant="ghost">← {t("newest")}</ButtonLink> : <span />}
          {feed.nextCursor ? (
            <ButtonLink href={`/feed?after=${feed.nextCursor}`} variant="secondary">{t("older")} →</ButtonLink>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

type Ended = Awaited<ReturnType<typeof getReaderFeed>>["ended"];

/** What the reader follows that was suspended or removed: said plainly, with a one-click leave. */
async function EndedNotice({ ended }: { ended: Ended }) {
  const t = await getTranslations("moderation.feed");
  return (
    <section aria-labelledby="ended-heading" className="space-y-3 rounded-2xl border border-line bg-card p-5" data-testid="feed-ended">
      <h2 id="ended-heading" className="text-lg font-semibold">{t("heading")}</h2>
      <p className="text-sm text-muted">{t("text")}</p>
      <ul className="space-y-2">
        {ended.map((item) => (
          <li key={item.subscriptionId} className="flex flex-wrap items-center justify-between gap-3 text-sm">
            <span className="min-w-0 font-medium break-words">
              {item.kind === "group" ? t("groupSuspended", { title: item.title }) : item.reason === "removed" ? t("causeRemoved", { title: item.title }) : t("causeSuspended", { title: item.title })}
            </span>
            <LeaveForm subscriptionId={item.subscriptionId} title={item.title} source="/feed" />
          </li>
        ))}
      </ul>
    </section>
  );
}
