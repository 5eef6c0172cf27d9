import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ReaderFeedCard } from "@/components/feed/reader-feed-card";
import { PartnerNewsForm } from "@/components/group/partner-news-form";
import { EmailChannelToggle } from "@/components/subscription/email-channel-toggle";
import { LeaveForm } from "@/components/subscription/leave-form";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";
import { getReaderFeedTokenInfo } from "@/lib/feed/queries";
import { listReaderSubscriptions } from "@/lib/subscription/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("subscriptions");
  return { title: t("title") };
}

export default async function SubscriptionsPage() {
  const user = await requireUser("/subscriptions");
  const [t, te, format, subscriptions, feedToken] = await Promise.all([
    getTranslations("subscriptions"),
    getTranslations("email.channel"),
    getFormatter(),
    listReaderSubscriptions(user.id),
    getReaderFeedTokenInfo(user.id),
  ]);
  return (
    <div className="max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t("lead")}</p>
      </header>
      {subscriptions.length === 0 ? (
        <EmptyState title={t("emptyTitle")} action={<ButtonLink href="/explore">{t("explore")}</ButtonLink>}>
          {t("emptyText")}
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {subscriptions.map((s) => {
            const status = s.topic?.status ?? s.group!.status;
            // Suspended or removed: said plainly, and no link to a page that is gone.
            const ended = status === "suspended" || status === "removed" ? (status as "suspended" | "removed") : null;
            const target = s.topic
              ? { href: `/c/${s.topic.slug}`, title: s.topic.title, archived: status === "archived" }
              : { href: `/g/${s.group!.slug}`, title: s.group!.name, archived: status === "archived" };
            return (
              <li key={s.id} data-testid="subscription" data-kind={s.topic ? "cause" : "group"}>
                <Card className="flex flex-wrap items-center justify-between gap-4">
                  <div className="min-w-0 space-y-1">
                    {s.group ? <p className="text-xs font-semibold uppercase tracking-wider text-accent">{t("partnerGroup")}</p> : null}
                    {ended ? (
                      <p className="font-serif text-lg font-semibold break-words">{target.title}</p>
                    ) : (
                      <Link href={target.href} className="font-serif text-lg font-semibold break-words hover:text-accent">
                        {target.title}
                      </Link>
                    )}
                    <p className="text-sm text-muted">
                      {t("since", { date: format.dateTime(s.since, { dateStyle: "long" }) })}
                      {target.archived ? ` · ${t("archived")}` : ""}
                      {ended ? ` · ${t(ended)}` : ""}
                      {s.topic ? ` · ${t(s.partnerNews ? "partnerNewsOn" : "partnerNewsOff")}` : ""}
                      {s.channel === "email" ? ` · ${te(s.emailSince ? "byEmailShort" : "pendingShort")}` : ""}
                    </p>
                    <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
                      <Link href={`/subscriptions/${s.id}`} className="font-medium text-accent underline-offset-4 hover:underline" data-testid="email-settings-link">
                        {te("settings")}
                      </Link>
                      <Link href={`/leave/${s.leaveToken}`} className="text-muted underline-offset-4 hover:underline" data-testid="leave-link">
                        {t("leaveLink")}
                      </Link>
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <EmailChannelToggle subscriptionId={s.id} title={target.title} byEmail={s.channel === "email"} source="/subscriptions" />
                    {s.topic ? <PartnerNewsForm topicId={s.topic.id} enabled={s.partnerNews} title={s.topic.title} /> : null}
                    <LeaveForm subscriptionId={s.id} title={target.title} source="/subscriptions" />
                  </div>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      <ReaderFeedCard
        activeSinceIso={feedToken?.createdAt.toISOString() ?? null}
        activeSince={feedToken ? format.dateTime(feedToken.createdAt, { dateStyle: "long", timeStyle: "short" }) : null}
      />
    </div>
  );
}
