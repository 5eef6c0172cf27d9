import { createHmac, timingSafeEqual } from "node:crypto";

/** Version of the text shown next to the Follow button; stored with every consent event. */
export const CONSENT_TEXT_VERSION = "follow-web-2026-11";

const LEAVE_PURPOSE = "leave:v1:";
const MAC_LENGTH = 32;

function leaveMac(subscriptionId: string, secret: string): string {
  return mac(LEAVE_PURPOSE, subscriptionId, secret);
}

/**
 * A leave token names one subscription and proves the app issued it. It never expires: a leave
 * link in an old mail must keep working. Leaving is idempotent, so a replayed token does no harm.
 */
export function signLeaveToken(subscriptionId: string, secret: string): string {
  return `${subscriptionId}.${leaveMac(subscriptionId, secret)}`;
}

/** Returns the subscription id when the token is genuine, otherwise null. */
export function verifyLeaveToken(token: string, secret: string): string | null {
  const match = /^([a-z0-9]{8,40})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, subscriptionId, given] = match;
  return macMatches(leaveMac(subscriptionId, secret), given) ? subscriptionId : null;
}

/** Version of the consent text next to "Follow by email"; stored with every email consent event. */
export const EMAIL_CONSENT_TEXT_VERSION = "follow-email-2026-11";

const CONFIRM_PURPOSE = "confirm:v1:";
const PREFERENCES_PURPOSE = "preferences:v1:";
/** A confirmation link is good for a week; after that the address owner asks again. */
export const CONFIRM_TOKEN_DAYS = 7;
/** A preferences link (in every mail) is good for 60 days; an expired one offers a fresh link by mail. */
export const PREFERENCES_TOKEN_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

function mac(purpose: string, payload: string, secret: string): string {
  return createHmac("sha256", secret).update(purpose + payload).digest("base64url").slice(0, MAC_LENGTH);
}

function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A double opt-in link: names the subscription and the one confirmation nonce it was issued for
 * (the mutation refuses a nonce that was already used or replaced: a replay), and expires.
 * Format: `<subscriptionId>.<nonce>.<expiry, base36 ms>.<mac>`.
 */
export function signConfirmToken(subscriptionId: string, nonce: string, secret: string, now = new Date()): string {
  const payload = `${subscriptionId}.${nonce}.${(now.getTime() + CONFIRM_TOKEN_DAYS * DAY_MS).toString(36)}`;
  return `${payload}.${mac(CONFIRM_PURPOSE, payload, secret)}`;
}

/** For an expired token the subscription id is still returned (signed), so the page can point back to the cause. */
export function verifyConfirmToken(
  token: string,
  secret: string,
  now = new Date(),
):
  | { ok: true; value: { subscriptionId: string; nonce: string } }
  | { ok: false; reason: "forged" }
  | { ok: false; reason: "expired"; subscriptionId: string } {
  const match = /^([a-z0-9]{8,40})\.([A-Za-z0-9_-]{16,64})\.([a-z0-9]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return { ok: false, reason: "forged" };
  const [, subscriptionId, nonce, expiry, given] = match;
  if (!macMatches(mac(CONFIRM_PURPOSE, `${subscriptionId}.${nonce}.${expiry}`, secret), given)) return { ok: false, reason: "forged" };
  if (parseInt(expiry, 36) < now.getTime()) return { ok: false, reason: "expired", subscriptionId };
  return { ok: true, value: { subscriptionId, nonce } };
}

/**
 * The preferences link in every mail: names the subscription and expires (it opens the ledger and
 * the address). Format: `<subscriptionId>.<expiry, base36 ms>.<mac>`.
 */
export function signPreferencesToken(subscriptionId: string, secret: string, now = new Date()): string {
  const payload = `${subscriptionId}.${(now.getTime() + PREFERENCES_TOKEN_DAYS * DAY_MS).toString(36)}`;
  return `${payload}.${mac(PREFERENCES_PURPOSE, payload, secret)}`;
}

/** For an expired token the subscription id is still returned (signed), so the page can offer a fresh link. */
export function verifyPreferencesToken(
  token: string,
  secret: string,
  now = new Date(),
): { ok: true; subscriptionId: string } | { ok: false; reason: "forged" } | { ok: false; reason: "expired"; subscriptionId: string } {
  const match = /^([a-z0-9]{8,40})\.([a-z0-9]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return { ok: false, reason: "forged" };
  const [, subscriptionId, expiry, given] = match;
  if (!macMatches(mac(PREFERENCES_PURPOSE, `${subscriptionId}.${expiry}`, secret), given)) return { ok: false, reason: "forged" };
  if (parseInt(expiry, 36) < now.getTime()) return { ok: false, reason: "expired", subscriptionId };
  return { ok: true, subscriptionId };
}

// "Follow" pressed while signed out: the choice waits in this browser (an HttpOnly cookie set only
// by a same-site POST) while the person signs in, and the page they return to (marked ?follow=1)
// completes it. On https the "__Host-" name keeps other subdomains from planting one.
export const FOLLOW_INTENT_MAX_AGE_S = 15 * 60;
export const followIntentCookie = (appUrl: string) => (appUrl.startsWith("https://") ? "__Host-herzensthema-follow-intent" : "herzensthema-follow-intent");
