import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { RATE_LIMITS, rateKey, retryMinutes, subjectValue, type RateAction, type RateRule, type RateSubjects } from "./rules";

// rate-limiter-flexible over the app's own database (the RateLimiterFlexible model): on the SQLite
// default it needs nothing else, and on PostgreSQL every instance shares the counters. Each consume
// is one atomic INSERT … ON CONFLICT DO UPDATE, so parallel requests cannot slip past a limit.

const limiters = new Map<string, RateLimiterPrisma>();

function limiterFor(rule: RateRule): RateLimiterPrisma {
  const id = `${rule.points}/${rule.seconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimiterFlexible",
      points: rule.points,
      duration: rule.seconds,
      keyPrefix: "rl",
      // Ended windows are deleted by the worker's retention pass (hourly); one limiter per process
      // also sweeps every five minutes, so they go even where no worker runs.
      clearExpiredByTimeout: limiters.size === 0,
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

export type RateResult = { ok: true; release: () => Promise<void> } | { ok: false; retryAfterMs: number };

/**
 * Counts one attempt of `action` for each of its rules whose subject is known, and says whether
 * all of them had room. A refused attempt is not counted at all (so counters reflect what really
 * happened). `release` gives the points back when the attempt then did not take place (a mail that
 * could not be sent).
 */
export async function consumeRate(action: RateAction, subjects: RateSubjects): Promise<RateResult> {
  const taken: { limiter: RateLimiterPrisma; key: string }[] = [];
  const rules: readonly RateRule[] = RATE_LIMITS[action];
  const giveBack = () => Promise.all(taken.map(({ limiter, key }) => limiter.reward(key, 1))).then(() => undefined);
  for (const [index, rule] of rules.entries()) {
    const value = subjects[rule.subject];
    if (!value) continue;
    const limiter = limiterFor(rule);
    const key = rateKey(action, index, subjectValue(rule.subject, value), env.AUTH_SECRET);
    try {
      await limiter.consume(key, 1);
      taken.push({ limiter, key });
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        await giveBack().catch(() => undefined);
        throw rejection; // the store failed: the caller's generic error path, never a silent pass
      }
      await limiter.reward(key, 1).catch(() => undefined);
      await giveBack();
      return { ok: false, retryAfterMs: rejection.msBeforeNext };
    }
  }
  return { ok: true, release: giveBack };
}

/**
 * Forgets every window counted for one subject of a kind (an address whose account was deleted):
 * the person starting anew is not held back by what their old account did.
 */
export async function forgetRateSubject(subject: "address" | "account", value: string) {
  const keys = Object.entries(RATE_LIMITS).flatMap(([action, rules]) =>
    (rules as readonly RateRule[]).flatMap((rule, index) =>
      rule.subject === subject ? [`rl:${rateKey(action as RateAction, index, subjectValue(subject, value), env.AUTH_SECRET)}`] : [],
    ),
  );
  await db.rateLimiterFlexible.deleteMany({ where: { key: { in: keys } } });
}

/** Removes ended windows, so a client's hashed address lives no longer than its window. */
export async function deleteEndedRateWindows(now = new Date()): Promise<number> {
  const { count } = await db.rateLimiterFlexible.deleteMany({ where: { expire: { lt: now } } });
  return count;
}

/**
 * Runs `work` if `action` has room for these subjects, counting it; refuses with a translated
 * "try again in N minutes" otherwise. When `work` fails, the attempt is given back.
 */
export async function withRate<T>(action: RateAction, subjects: RateSubjects, work: () => Promise<T>): Promise<T> {
  const rate = await consumeRate(action, subjects);
  if (!rate.ok) throw new DomainError("rateLimited", undefined, { minutes: retryMinutes(rate.retryAfterMs) });
  try {
    return await work();
  } catch (error) {
    await rate.release().catch(() => undefined);
    throw error;
  }
}
