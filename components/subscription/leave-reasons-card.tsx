import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { getLeaveReasonCounts } from "@/lib/subscription/email/queries";

/** For the cause owner: why readers left, as counts per month only (never who). */
export async function LeaveReasonsCard({ topicId }: { topicId: string }) {
  const [t, tr, rows] = await Promise.all([getTranslations("email.dashboard"), getTranslations("email.leaveReason.reason"), getLeaveReasonCounts(topicId)]);
  const months = [...new Set(rows.map((r) => r.month))].slice(0, 6);
  return (
    <Card className="space-y-3" data-testid="leave-reasons">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm text-muted">{t("lead")}</p>
      {months.length === 0 ? (
        <p className="text-sm text-muted">{t("empty")}</p>
      ) : (
        months.map((month) => (
          <div key={month} className="space-y-1">
            <h3 className="font-sans text-sm font-semibold tabular-nums">{month}</h3>
            <ul className="space-y-0.5 text-sm">
              {rows.filter((r) => r.month === month).map((r) => (
                <li key={r.reason} className="flex justify-between gap-3">
                  <span>{tr.has(r.reason) ? tr(r.reason) : r.reason}</span>
                  <span className="tabular-nums text-muted">{t("count", { count: r.count })}</span>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </Card>
  );
}
