// Pure rules of moderation: who operates, what can be reported, and how reports are grouped.

export const REPORT_REASONS = ["spam", "harassment", "illegal", "misleading", "other"] as const;
export type ReportReasonValue = (typeof REPORT_REASONS)[number];

export const REPORT_NOTE_MAX = 1000;
export const DECISION_REASON_MIN = 3;
export const DECISION_REASON_MAX = 1000;
export const APPEAL_MIN = 10;
export const APPEAL_MAX = 2000;

/** What a report is about. An update report also names its cause, so suspending the cause settles it. */
export type ReportTarget = { kind: "cause"; id: string } | { kind: "update"; id: string } | { kind: "group"; id: string };

export type ModerationAction =
  | "dismiss"
  | "hide_update"
  | "unhide_update"
  | "suspend_cause"
  | "lift_cause"
  | "suspend_group"
  | "lift_group"
  | "suspend_account"
  | "lift_account"
  | "appeal";

/** Operators are the signed-in people whose address is in ADMIN_EMAILS (compared case-insensitively). */
export function isOperatorAddress(email: string | null | undefined, adminEmails: readonly string[]): boolean {
  return Boolean(email) && adminEmails.includes(email!.trim().toLowerCase());
}

/** The one target a stored report is about. */
export function reportTarget(report: { updateId: string | null; topicId: string | null; groupId: string | null }): ReportTarget | null {
  if (report.updateId) return { kind: "update", id: report.updateId };
  if (report.topicId) return { kind: "cause", id: report.topicId };
  if (report.groupId) return { kind: "group", id: report.groupId };
  return null;
}

export const targetKey = (target: ReportTarget) => `${target.kind}:${target.id}`;

/** "cause:abc" → { kind: "cause", id: "abc" }; null for anything else. */
export function parseTargetKey(value: string): ReportTarget | null {
  const match = /^(cause|update|group):([a-z0-9]{8,40})$/.exec(value);
  return match ? ({ kind: match[1], id: match[2] } as ReportTarget) : null;
}

export type ReportSummary = { key: string; target: ReportTarget; count: number; reasons: Partial<Record<ReportReasonValue, number>>; notes: string[]; firstAt: Date; lastAt: Date };

/**
 * Open reports grouped by what they are about, most reported first (then the oldest waiting):
 * an operator decides once per target, not once per report.
 */
export function groupReports(reports: { updateId: string | null; topicId: string | null; groupId: string | null; reason: ReportReasonValue; note: string; createdAt: Date }[]): ReportSummary[] {
  const groups = new Map<string, ReportSummary>();
  for (const report of reports) {
    const target = reportTarget(report);
    if (!target) continue;
    const key = targetKey(target);
    const summary = groups.get(key) ?? { key, target, count: 0, reasons: {}, notes: [], firstAt: report.createdAt, lastAt: report.createdAt };
    summary.count += 1;
    summary.reasons[report.reason] = (summary.reasons[report.reason] ?? 0) + 1;
    if (report.note) summary.notes.push(report.note);
    if (report.createdAt < summary.firstAt) summary.firstAt = report.createdAt;
    if (report.createdAt > summary.lastAt) summary.lastAt = report.createdAt;
    groups.set(key, summary);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.firstAt.getTime() - b.firstAt.getTime());
}
