// How long the app keeps what, as pure numbers (the README and the privacy notice quote them).

const DAY = 24 * 60 * 60 * 1000;

export const RETENTION = {
  /**
   * A left subscription and its consent ledger: proof of consent for the mails that were sent,
   * kept until claims about them are time-barred (three years, § 195 BGB), then deleted.
   */
  leftSubscriptionDays: 3 * 365,
  /** An address somebody typed but never confirmed: nothing was ever sent but the one confirmation. */
  unconfirmedRequestDays: 30,
  /**
   * A removed cause's tombstone (slug and title, so followers learn what ended): follows still on it
   * after this long end; it goes when no subscription (or its proof of consent) names it any more.
   */
  removedCauseDays: 365,
  /** Bookkeeping of mails that went out (no content): long enough to never plan one twice. */
  finishedDeliveryDays: 90,
  /** The development outbox. */
  outboxDays: 7,
  /** Reports an operator decided (their notes can name people). */
  decidedReportDays: 365,
  /** The moderation log: decisions and appeals with their reasons. */
  moderationLogDays: 3 * 365,
  /**
   * A personal invitation once it lapsed or was withdrawn: it names somebody who never agreed to
   * anything, so it goes after a month (the publisher still sees how it ended meanwhile).
   */
  endedInvitationDays: 30,
  /**
   * The hourly read counters of Ursachenforschung (sums only, nobody in them): the dashboard shows
   * four weeks; a quarter is kept so that a slow month can still be compared.
   */
  readCountDays: 90,
} as const;

/** The moments before which each kind of record goes, for a retention pass at `now`. */
export function retentionCutoffs(now: Date) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  return {
    leftBefore: ago(RETENTION.leftSubscriptionDays),
    unconfirmedBefore: ago(RETENTION.unconfirmedRequestDays),
    removedBefore: ago(RETENTION.removedCauseDays),
    deliveriesBefore: ago(RETENTION.finishedDeliveryDays),
    outboxBefore: ago(RETENTION.outboxDays),
    reportsBefore: ago(RETENTION.decidedReportDays),
    moderationLogBefore: ago(RETENTION.moderationLogDays),
    endedInvitationsBefore: ago(RETENTION.endedInvitationDays),
    readCountsBefore: ago(RETENTION.readCountDays),
  };
}

/** The confirmation a person types before their account goes: the word, in their language. */
export const DELETE_CONFIRMATION = { de: "LÖSCHEN", en: "DELETE" } as const;

/** Whether what was typed confirms deletion (either language, any case, spaces around ignored). */
export function confirmsDeletion(typed: string): boolean {
  const word = typed.trim().toLocaleUpperCase("de");
  return word === DELETE_CONFIRMATION.de || word === DELETE_CONFIRMATION.en;
}
