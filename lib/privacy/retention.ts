import "server-only";
import { db } from "@/lib/db";
import { deleteEndedRateWindows } from "@/lib/rate-limit/limiter";
import { CONSENT_TEXT_VERSION, EMAIL_CONSENT_TEXT_VERSION } from "@/lib/subscription/rules";
import { retentionCutoffs } from "./rules";

/**
 * One retention pass (the worker runs it about hourly): deletes what the privacy notice says is
 * kept only so long. Idempotent; each step is one set-based statement.
 */
export async function runRetention(now = new Date()) {
  const cut = retentionCutoffs(now);
  const stale = { status: "pending" as const, OR: [{ confirmSentAt: { lt: cut.unconfirmedBefore } }, { confirmSentAt: null, createdAt: { lt: cut.unconfirmedBefore } }] };
  const everConfirmed = { events: { some: { action: { in: ["confirm" as const, "subscribe" as const] } } } };
  // A removed cause still followed after a year: the follows end (in their ledgers), so that their
  // three years of proof can start and the tombstone can go after them.
  const lingering = await db.subscription.findMany({
    where: { status: "active", topic: { status: "removed", removedAt: { lt: cut.removedBefore } } },
    select: { id: true, topicId: true, channel: true },
  });
  if (lingering.length) {
    await db.$transaction([
      db.subscription.updateMany({ where: { id: { in: lingering.map((s) => s.id) }, status: "active" }, data: { status: "left", leftAt: now } }),
      db.consentEvent.createMany({
        data: lingering.map((s) => ({
          subscriptionId: s.id,
          topicId: s.topicId,
          action: "leave" as const,
          detail: "ended: cause removed by its publisher",
          source: "retention",
          consentVersion: s.channel === "email" ? EMAIL_CONSENT_TEXT_VERSION : CONSENT_TEXT_VERSION,
        })),
      }),
    ]);
  }
  // Subscriptions first: a tombstone can only go once no subscription names it any more.
  const [left, unconfirmed, reverted] = await Promise.all([
    // Proof of consent is kept three years after leaving; then the subscription and its ledger go.
    db.subscription.deleteMany({ where: { status: "left", leftAt: { lt: cut.leftBefore } } }),
    // An address typed but never confirmed: gone thirty days after the last confirmation mail.
    db.subscription.deleteMany({ where: { ...stale, NOT: everConfirmed } }),
    // A follow that had been confirmed before, then asked again and never confirmed: back to left,
    // its earlier proof keeps its own three years.
    db.subscription.updateMany({ where: { ...stale, ...everConfirmed }, data: { status: "left", confirmNonce: null } }),
  ]);
  const [removed, deliveries, tokens, sessions, windows, outbox, reports, log, invitations, readCounts] = await Promise.all([
    // A removed cause's tombstone goes once no subscription (active or kept as proof) names it.
    db.topic.deleteMany({ where: { status: "removed", subscriptions: { none: {} } } }),
    db.delivery.deleteMany({ where: { status: { in: ["sent", "skipped", "failed"] }, createdAt: { lt: cut.deliveriesBefore } } }),
    db.verificationToken.deleteMany({ where: { expires: { lt: now } } }),
    db.session.deleteMany({ where: { expires: { lt: now } } }),
    deleteEndedRateWindows(now),
    db.outboxMail.deleteMany({ where: { createdAt: { lt: cut.outboxBefore } } }),
    // Reports an operator decided: their notes can name people, so they go after a year.
    db.report.deleteMany({ where: { status: { not: "open" }, resolvedAt: { lt: cut.reportsBefore } } }),
    db.moderationLog.deleteMany({ where: { createdAt: { lt: cut.moderationLogBefore } } }),
    // Personal invitations name people who agreed to nothing: gone a month after they ended.
    db.shareRef.deleteMany({
      where: { personal: true, OR: [{ archivedAt: { lt: cut.endedInvitationsBefore } }, { expiresAt: { lt: cut.endedInvitationsBefore } }] },
    }),
    db.readCount.deleteMany({ where: { day: { lt: cut.readCountsBefore.toISOString().slice(0, 10) } } }),
  ]);
  return {
    leftSubscriptions: left.count,
    unconfirmedRequests: unconfirmed.count,
    revertedRequests: reverted.count,
    endedRemovedFollows: lingering.length,
    reports: reports.count,
    moderationLog: log.count,
    removedCauses: removed.count,
    deliveries: deliveries.count,
    signInTokens: tokens.count,
    sessions: sessions.count,
    rateWindows: windows,
    outboxMails: outbox.count,
    endedInvitations: invitations.count,
    readCounts: readCounts.count,
  };
}
