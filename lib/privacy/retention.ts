import "server-only";
import { db } from "@/lib/db";
import { deleteEndedRateWindows } from "@/lib/rate-limit/limiter";
import { retentionCutoffs } from "./rules";

/**
 * One retention pass (the worker runs it about hourly): deletes what the privacy notice says is
 * kept only so long. Idempotent; each step is one set-based statement.
 */
export async function runRetention(now = new Date()) {
  const cut = retentionCutoffs(now);
  const [left, unconfirmed, removed, deliveries, tokens, sessions, windows, outbox] = await Promise.all([
    // Proof of consent is kept three years after leaving; then the subscription and its ledger go.
    db.subscription.deleteMany({ where: { status: "left", leftAt: { lt: cut.leftBefore } } }),
    // An address typed but never confirmed: gone after thirty days, its one request event with it.
    db.subscription.deleteMany({ where: { status: "pending", createdAt: { lt: cut.unconfirmedBefore } } }),
    // A removed cause's tombstone: once nobody follows it any more, or after a year.
    db.topic.deleteMany({
      where: { status: "removed", OR: [{ removedAt: { lt: cut.removedBefore } }, { subscriptions: { none: { status: "active" } } }] },
    }),
    db.delivery.deleteMany({ where: { status: { in: ["sent", "skipped", "failed"] }, createdAt: { lt: cut.deliveriesBefore } } }),
    db.verificationToken.deleteMany({ where: { expires: { lt: now } } }),
    db.session.deleteMany({ where: { expires: { lt: now } } }),
    deleteEndedRateWindows(now),
    db.outboxMail.deleteMany({ where: { createdAt: { lt: cut.outboxBefore } } }),
  ]);
  return {
    leftSubscriptions: left.count,
    unconfirmedRequests: unconfirmed.count,
    removedCauses: removed.count,
    deliveries: deliveries.count,
    signInTokens: tokens.count,
    sessions: sessions.count,
    rateWindows: windows,
    outboxMails: outbox.count,
  };
}
