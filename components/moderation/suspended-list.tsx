import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { listSuspended } from "@/lib/moderation/queries";
import { DecisionForm } from "./decision-form";

type Suspended = Awaited<ReturnType<typeof listSuspended>>;

/** One suspended or hidden thing: what, since when, why, the publisher's appeal, and lifting it. */
async function SuspendedItem(props: { heading: string; since: string; reason: string | null; appeal?: { at: Date | null; note: string | null }; testId?: string; children: ReactNode }) {
  const [t, format] = await Promise.all([getTranslations("moderation.admin"), getFormatter()]);
  return (
    <Card className="space-y-3" data-testid={props.testId}>
      <h3 className="text-lg font-semibold break-words">{props.heading}</h3>
      <p className="text-sm text-muted">{props.since}</p>
      <p className="text-sm break-words whitespace-pre-line"><strong>{t("reason")}</strong> {props.reason}</p>
      {props.appeal?.at ? (
        <blockquote className="rounded-xl bg-accent-soft px-4 py-3 text-sm break-words whitespace-pre-line" data-testid="appeal">
          <strong className="block">{t("appealFrom", { date: format.dateTime(props.appeal.at, { dateStyle: "medium", timeStyle: "short" }) })}</strong>
          {props.appeal.note}
        </blockquote>
      ) : props.appeal ? (
        <p className="text-sm text-muted">{t("noAppeal")}</p>
      ) : null}
      {props.children}
    </Card>
  );
}

/** Everything suspended or hidden right now, appeals first, each with the decision that lifts it. */
export async function SuspendedList({ suspended }: { suspended: Suspended }) {
  const [t, format] = await Promise.all([getTranslations("moderation.admin"), getFormatter()]);
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "");
  const { causes, groups, accounts, updates } = suspended;
  if (!causes.length && !groups.length && !accounts.length && !updates.length) return <p className="text-muted">{t("suspendedEmpty")}</p>;
  return (
    <>
      {causes.map((cause) => (
        <SuspendedItem
          key={cause.id}
          testId="suspended-cause"
          heading={t("suspendedCause", { title: cause.title })}
          since={`${t("suspendedSince", { date: date(cause.suspendedAt) })}${cause.owner?.suspendedAt ? ` · ${t("withAccount")}` : ""}`}
          reason={cause.suspendedReason}
          appeal={{ at: cause.appealedAt, note: cause.appealNote }}
        >
          <DecisionForm target={`cause:${cause.id}`} decisions={["lift_cause"]} />
        </SuspendedItem>
      ))}
      {groups.map((group) => (
        <SuspendedItem key={group.id} heading={t("suspendedGroup", { name: group.name })} since={t("suspendedSince", { date: date(group.suspendedAt) })} reason={group.suspendedReason} appeal={{ at: group.appealedAt, note: group.appealNote }}>
          <DecisionForm target={`group:${group.id}`} decisions={["lift_group"]} />
        </SuspendedItem>
      ))}
      {accounts.map((account) => (
        <SuspendedItem key={account.id} heading={t("suspendedAccount", { name: account.topics.map((c) => c.title).join(", ") || account.id, causes: account._count.topics })} since={t("suspendedSince", { date: date(account.suspendedAt) })} reason={account.suspendedReason}>
          <DecisionForm userId={account.id} decisions={["lift_account"]} />
        </SuspendedItem>
      ))}
      {updates.map((update) => (
        <SuspendedItem key={update.id} heading={t("hiddenUpdate", { title: update.title, cause: update.topic.title })} since={t("hiddenSince", { date: date(update.hiddenAt) })} reason={update.hiddenReason} appeal={{ at: update.appealedAt, note: update.appealNote }}>
          <DecisionForm target={`update:${update.id}`} decisions={["unhide_update"]} />
        </SuspendedItem>
      ))}
    </>
  );
}
