import { createHmac, timingSafeEqual } from "node:crypto";

/** Version of the text shown next to the Follow button; stored with every consent event. */
export const CONSENT_TEXT_VERSION = "follow-web-2026-11";

const MAC_LENGTH = 32;
const DAY_MS = 24 * 60 * 60 * 1000;
const ID = "[a-z0-9]{8,40}";
const NONCE = "[A-Za-z0-9_-]{16,64}";

/**
 * The one signed-token format behind every link a mail carries: its fields, an optional expiry
 * (base-36 milliseconds) and an HMAC-SHA256 over purpose and payload, all joined by dots. The
 * purpose ("leave:v1:", …) binds a token to its use: a leave token is never a settings token.
 */
type TokenKind = { purpose: string; fields: string[]; expires: boolean };
const LEAVE: TokenKind = { purpose: "leave:v1:", fields: [ID], expires: false };
const CONFIRM: TokenKind = { purpose: "confirm:v1:", fields: [ID, NONCE], expires: true };
const PREFERENCES: TokenKind = { purpose: "preferences:v1:", fields: [ID], expires: true };

function mac(purpose: string, payload: string, secret: string): string {
  return createHmac("sha256", secret).update(purpose + payload).digest("base64url").slice(0, MAC_LENGTH);
}

function signToken(kind: TokenKind, fields: string[], secret: string, expiresAt?: Date): string {
  const payload = [...fields, ...(kind.expires ? [expiresAt!.getTime().toString(36)] : [])].join(".");
  return `${payload}.${mac(kind.purpose, payload, secret)}`;
}

type Verified = { ok: true; fields: string[] } | { ok: false; reason: "forged" } | { ok: false; reason: "expired"; fields: string[] };

/** A genuine token's fields; an expired one's too (signed, so a page can point back), marked so. */
function verifyToken(kind: TokenKind, token: string, secret: string, now: Date): Verified {
  const shape = new RegExp(`^${[...kind.fields, ...(kind.expires ? ["[a-z0-9]{1,12}"] : []), `[A-Za-z0-9_-]{${MAC_LENGTH}}`].map((f) => `(${f})`).join("\\.")}$`);
  const match = shape.exec(token);
  if (!match) return { ok: false, reason: "forged" };
  const parts = match.slice(1);
  const given = Buffer.from(parts.pop()!);
  const expected = Buffer.from(mac(kind.purpose, parts.join("."), secret));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "forged" };
  const fields = parts.slice(0, kind.fields.length);
  if (kind.expires && parseInt(parts[kind.fields.length], 36) < now.getTime()) return { ok: false, reason: "expired", fields };
  return { ok: true, fields };
}

/**
 * A leave token names one subscription and proves the app issued it. It never expires: a leave
 * link in an old mail must keep working. Leaving is idempotent, so a replayed token does no harm.
 */
export function signLeaveToken(subscriptionId: string, secret: string): string {
  return signToken(LEAVE, [subscriptionId], secret);
}

/** Returns the subscription id when the token is genuine, otherwise null. */
export function verifyLeaveToken(token: string, secret: string): string | null {
  const result = verifyToken(LEAVE, token, secret, new Date());
  return result.ok ? result.fields[0] : null;
}

/** Version of the consent text next to "Follow by email"; stored with every email consent event. */
export const EMAIL_CONSENT_TEXT_VERSION = "follow-email-2026-11";

/** A confirmation link is good for a week; after that the address owner asks again. */
export const CONFIRM_TOKEN_DAYS = 7;
/** A preferences link (in every mail) is good for 60 days; an expired one offers a fresh link by mail. */
export const PREFERENCES_TOKEN_DAYS = 60;

/**
 * A double opt-in link: names the subscription and the one confirmation nonce it was issued for
 * (the mutation refuses a nonce that was already used or replaced: a replay), and expires.
 * Format: `<subscriptionId>.<nonce>.<expiry, base36 ms>.<mac>`.
 */
export function signConfirmToken(subscriptionId: string, nonce: string, secret: string, now = new Date()): string {
  return signToken(CONFIRM, [subscriptionId, nonce], secret, new Date(now.getTime() + CONFIRM_TOKEN_DAYS * DAY_MS));
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
  const result = verifyToken(CONFIRM, token, secret, now);
  if (result.ok) return { ok: true, value: { subscriptionId: result.fields[0], nonce: result.fields[1] } };
  return result.reason === "expired" ? { ok: false, reason: "expired", subscriptionId: result.fields[0] } : result;
}

/**
 * The preferences link in every mail: names the subscription and expires (it opens the ledger and
 * the address). Format: `<subscriptionId>.<expiry, base36 ms>.<mac>`.
 */
export function signPreferencesToken(subscriptionId: string, secret: string, now = new Date()): string {
  return signToken(PREFERENCES, [subscriptionId], secret, new Date(now.getTime() + PREFERENCES_TOKEN_DAYS * DAY_MS));
}

/** For an expired token the subscription id is still returned (signed), so the page can offer a fresh link. */
export function verifyPreferencesToken(
  token: string,
  secret: string,
  now = new Date(),
): { ok: true; subscriptionId: string } | { ok: false; reason: "forged" } | { ok: false; reason: "expired"; subscriptionId: string } {
  const result = verifyToken(PREFERENCES, token, secret, now);
  if (result.ok) return { ok: true, subscriptionId: result.fields[0] };
  return result.reason === "expired" ? { ok: false, reason: "expired", subscriptionId: result.fields[0] } : result;
}

// "Follow" pressed while signed out: the choice waits in this browser (an HttpOnly cookie set only
// by a same-site POST) while the person signs in, and the page they return to (marked ?follow=1)
// completes it. On https the "__Host-" name keeps other subdomains from planting one.
export const FOLLOW_INTENT_MAX_AGE_S = 15 * 60;
export const followIntentCookie = (appUrl: string) => (appUrl.startsWith("https://") ? "__Host-herzensthema-follow-intent" : "herzensthema-follow-intent");
