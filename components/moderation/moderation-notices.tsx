import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { getModerationNotices } from "@/lib/moderation/queries";
import { AppealForm } from "./appeal-form";

type Notices = Awaited<ReturnType<typeof getModerationNotices>>;

/**
 * What the operators decided about the publisher's own things, with their reasons: suspended
 * causes and groups (with the one appeal) and hidden updates. Shown on the dashboard.
 */
export async function ModerationNotices({ notices }: { notices: Notices }) {
  const [t, format] = await Promise.all([getTranslations("moderation.notice"), getFormatter()]);
  const suspended = [
    ...notices.causes.map((c) => ({ ...c, key: `cause:${c.id}`, label: t("causeSuspended", { title: c.title }) })),
    ...notices.groups.map((g) => ({ ...g, key: `group:${g.id}`, label: t("groupSuspended", { name: g.name }) })),
  ];
  if (suspended.length === 0 && notices.updates.length === 0) return null;
  return (
    <section aria-labelledby="moderation-notices" className="space-y-4" data-testid="moderation-notices">
      <h2 id="moderation-notices" className="text-2xl font-semibold">{t("heading")}</h2>
      {suspended.map((item) => (
        <Card key={item.key} className="space-y-3 border-accent/40">
          <h3 className="text-lg font-semibold break-words">{item.label}</h3>
          <p className="text-sm text-muted">{t("since", { date: format.dateTime(item.suspendedAt!, { dateStyle: "medium" }) })}</p>
          <blockquote className="rounded-xl bg-line/50 px-4 py-3 text-sm break-words whitespace-pre-line">
            <span className="block font-semibold">{t("reason")}</span>
            {item.suspendedReason}
          </blockquote>
          <p className="text-sm">{t("whatItMeans")}</p>
          {item.appealedAt ? (
            <p className="text-sm" role="status">{t("appealSent", { date: format.dateTime(item.appealedAt, { dateStyle: "medium" }) })}</p>
          ) : (
            <AppealForm target={item.key} />
          )}
        </Card>
      ))}
      {notices.updates.length ? (
        <Card className="space-y-3">
          <h3 className="text-lg font-semibold">{t("hiddenHeading")}</h3>
          <ul className="space-y-3">
            {notices.updates.map((update) => (
              <li key={update.id} className="space-y-2 text-sm break-words">
                <span className="font-medium">{t("hiddenItem", { title: update.title, cause: update.topic.title })}</span>
                <span className="block text-muted">{t("reasonInline", { reason: update.hiddenReason ?? "" })}</span>
                {update.appealedAt ? (
                  <p role="status">{t("appealSent", { date: format.dateTime(update.appealedAt, { dateStyle: "medium" }) })}</p>
                ) : (
                  <details>
                    <summary className="cursor-pointer text-accent">{t("appealHidden")}</summary>
                    <div className="pt-2"><AppealForm target={`update:${update.id}`} /></div>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </section>
  );
}
