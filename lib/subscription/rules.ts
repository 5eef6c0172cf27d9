import { createHmac, timingSafeEqual } from "node:crypto";

/** Version of the text shown next to the Follow button; stored with every consent event. */
export const CONSENT_TEXT_VERSION = "follow-web-2026-11";

const LEAVE_PURPOSE = "leave:v1:";
const MAC_LENGTH = 32;

function leaveMac(subscriptionId: string, secret: string): string {
  return createHmac("sha256", secret).update(LEAVE_PURPOSE + subscriptionId).digest("base64url").slice(0, MAC_LENGTH);
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
  const [, subscriptionId, mac] = match;
  const expected = Buffer.from(leaveMac(subscriptionId, secret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? subscriptionId : null;
}
