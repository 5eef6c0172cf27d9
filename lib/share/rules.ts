import { randomInt } from "node:crypto";
import slugify from "slugify";

export const REF_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const REF_CODE_MAX = 40;

// No 0/o, 1/l/i: a code read aloud or typed from a poster should survive.
const SUFFIX_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/**
 * A short, readable code for one place: "Mastodon-Thread zu Wohnen" → "mastodon-thread-zu-k7q".
 * The first words say where it was shared; the suffix keeps codes unique.
 */
export function refCodeFromLabel(label: string, pick: (max: number) => number = randomInt): string {
  const words = slugify(label, { lower: true, strict: true, locale: "de", trim: true })
    .split("-")
    .filter(Boolean);
  let base = "";
  for (const word of words) {
    const next = base ? `${base}-${word}` : word;
    if (next.length > 24) break;
    base = next;
  }
  if (!base) base = (words[0] ?? "ref").slice(0, 24);
  const suffix = Array.from({ length: 3 }, () => SUFFIX_ALPHABET[pick(SUFFIX_ALPHABET.length)]).join("");
  return `${base}-${suffix}`;
}

export function isValidRefCode(code: string): boolean {
  return code.length >= 3 && code.length <= REF_CODE_MAX && REF_CODE_PATTERN.test(code);
}

/** The counter bucket of a moment: its UTC day. */
export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Whether a request is a person opening the page: a browser navigation to a document. Server
 * action re-renders, client navigations, prefetches and link-preview fetchers (which send no
 * Sec-Fetch headers) are not visits, so the per-ref counter stays honest.
 */
export function isCountableVisit(headers: { get(name: string): string | null }): boolean {
  if (headers.get("next-action") || headers.get("rsc") || headers.get("next-router-prefetch")) return false;
  return headers.get("sec-fetch-dest") === "document" && headers.get("sec-fetch-mode") === "navigate";
}

// --- Personal invitations (rule 5: a few people at a time, each by name) ----------------------

export const INVITATION_DAYS = 30;
/** Open invitations a cause may have at once: a few people, not a mailing. */
export const MAX_OPEN_INVITATIONS = 10;
const INVITATION_CODE_LENGTH = 26;

/**
 * An invitation's code: "i-" and 26 random characters of the readable alphabet (about 128 bits),
 * so nobody finds someone else's note by trying. Also a valid ref code, so a follow through it is
 * attributed like any share link's.
 */
export function invitationCode(pick: (max: number) => number = randomInt): string {
  return `i-${Array.from({ length: INVITATION_CODE_LENGTH }, () => SUFFIX_ALPHABET[pick(SUFFIX_ALPHABET.length)]).join("")}`;
}

/** Whether an invitation code can be one at all (anything else is 404 before the database is asked). */
export const isInvitationCode = (code: string) => new RegExp(`^i-[${SUFFIX_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`).test(code);

export type InvitationState = "open" | "expired" | "withdrawn";

/** Where an invitation stands: withdrawn by the publisher, lapsed after 30 days, or open. */
export function invitationState(ref: { archivedAt: Date | null; expiresAt: Date | null }, now = new Date()): InvitationState {
  if (ref.archivedAt) return "withdrawn";
  if (ref.expiresAt && ref.expiresAt.getTime() <= now.getTime()) return "expired";
  return "open";
}
