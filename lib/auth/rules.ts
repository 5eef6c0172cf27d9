/**
 * Where a sign-in may send the user back to: a path on this site, never another host. Refuses
 * what browsers read as another host ("//x", "/\x", tabs or newlines inside), absolute URLs and
 * anything that does not parse; returns path, query and hash.
 */
export function safeReturnPath(value: unknown, fallback = "/feed"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 500) return fallback;
  if (/[\\\u0000-\u001F\u007F]/.test(value)) return fallback;
  try {
    const base = "http://return.invalid";
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

const MINUTE = 60 * 1000;
export const SIGN_IN_MAIL_GAP_MS = MINUTE;
export const SIGN_IN_MAILS_PER_HOUR = 5;

/**
 * Whether another sign-in mail may go to an address, given when earlier links were issued:
 * at most one a minute and five an hour, so nobody can flood a stranger's inbox from our form.
 */
export function maySendSignInMail(issuedBefore: Date[], now = new Date()): boolean {
  const times = issuedBefore.map((d) => d.getTime());
  if (times.some((t) => now.getTime() - t < SIGN_IN_MAIL_GAP_MS)) return false;
  return times.filter((t) => now.getTime() - t < 60 * MINUTE).length < SIGN_IN_MAILS_PER_HOUR;
}
