import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { renderMarkdown } from "@/lib/markdown";
import type { QueueItem } from "@/lib/moderation/queries";
import { REPORT_REASONS } from "@/lib/moderation/rules";
import { DecisionForm } from "./decision-form";

/** One reported target: what people reported, the content as the public sees it, and the decision. */
export async function QueueItemCard({ item }: { item: QueueItem }) {
  const [t, tr, format] = await Promise.all([getTranslations("moderation.admin"), getTranslations("moderation.report.reason"), getFormatter()]);
  const cause = item.cause ?? item.update?.topic ?? null;
  const heading =
    item.target.kind === "group"
      ? t("targetGroup", { name: item.group?.name ?? "—" })
      : item.target.kind === "update"
        ? t("targetUpdate", { title: item.update?.title ?? "—", cause: cause?.title ?? "—" })
        : t("targetCause", { title: cause?.title ?? "—" });
  const href = item.group ? `/g/${item.group.slug}` : item.update && cause ? `/c/${cause.slug}/u/${item.update.id}` : cause ? `/c/${cause.slug}` : null;
  const decisions =
    item.target.kind === "group"
      ? (["suspend_group", "dismiss"] as const)
      : item.target.kind === "update"
        ? (["hide_update", "suspend_cause", "suspend_account", "dismiss"] as const)
        : (["suspend_cause", "suspend_account", "dismiss"] as const);
  const body = item.update?.body ?? item.cause?.body ?? item.group?.description ?? "";
  return (
    <Card className="space-y-4" data-testid="queue-item">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h3 className="min-w-0 text-lg font-semibold break-words">{heading}</h3>
        <Badge>{t("reportCount", { count: item.count })}</Badge>
      </div>
      <p className="flex flex-wrap gap-2 text-sm">
        {REPORT_REASONS.filter((reason) => item.reasons[reason]).map((reason) => (
          <Badge key={reason} className="bg-accent-soft text-accent-strong">{tr(reason)} · {item.reasons[reason]}</Badge>
        ))}
        <span className="text-muted">{t("reportedBetween", { first: format.dateTime(item.firstAt, { dateStyle: "medium" }), last: format.dateTime(item.lastAt, { dateStyle: "medium" }) })}</span>
      </p>
      {item.notes.length ? (
        <ul className="space-y-1 text-sm">
          {item.notes.slice(0, 10).map((note, index) => (
            <li key={index} className="rounded-lg bg-line/50 px-3 py-2 break-words whitespace-pre-line">“{note}”</li>
          ))}
        </ul>
      ) : null}
      <details className="rounded-xl border border-line px-4 py-3">
        <summary className="cursor-pointer text-sm font-semibold">{t("contentAsPublic")}</summary>
        <div className="space-y-2 pt-3">
          {item.group ? <p className="font-medium break-words">{item.group.concern}</p> : null}
          {item.cause?.summary ? <p className="font-medium break-words">{item.cause.summary}</p> : null}
          {body ? <div className="prose-cause max-h-96 overflow-auto text-sm" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} /> : null}
        </div>
      </details>
      {href ? (
        <p className="text-sm">
          <Link href={href} className="underline underline-offset-4 hover:text-accent">{t("openPublic")}</Link>
        </p>
      ) : null}
      <DecisionForm target={item.key} decisions={[...decisions]} />
    </Card>
  );
}
