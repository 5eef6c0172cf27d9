import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { RATE_LIMITS, rateKey, subjectValue, type RateAction, type RateRule } from "@/lib/rate-limit/rules";

// rate-limiter-flexible keeps each window's end in its row; "letting time pass" means ending it.

/** Every open window ends now, as if its minutes or hours had gone by. */
export async function endRateWindows() {
  await db.rateLimiterFlexible.updateMany({ data: { expire: new Date(Date.now() - 1000) } });
}

/** Ends one rule's window for one subject (the rule's index in RATE_LIMITS[action]). */
export async function endRateWindow(action: RateAction, index: number, subject: string) {
  const rule: RateRule = RATE_LIMITS[action][index];
  const key = `rl:${rateKey(action, index, subjectValue(rule.subject, subject), env.AUTH_SECRET)}`;
  await db.rateLimiterFlexible.updateMany({ where: { key }, data: { expire: new Date(Date.now() - 1000) } });
}
