import { createHash, randomBytes } from "node:crypto";

/**
 * Bump when the same data would render different bytes (template or library change), so strong
 * ETags of the old output stop matching.
 */
export const FEED_RENDER_VERSION = 2;

/**
 * How long one app process may answer a public feed from memory before it asks the database
 * again (its own writes end that at once; another process's are seen at most this much later).
 */
export const PUBLIC_FEED_MEMORY = { ttlMs: 1000, max: 2000 } as const;

/** Most recent updates a feed carries: enough for any reader's catch-up, bounded in size. */
export const FEED_ITEM_LIMIT = 50;

export type FeedValidators = { etag: string; lastModified: Date };
type EtagPart = string | number | Date | null | undefined;

/**
 * A strong ETag from everything the feed's bytes depend on (ids, counts, newest dates, format,
 * render version). Cheap to compute before anything is rendered.
 */
export function computeFeedEtag(parts: readonly EtagPart[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(part instanceof Date ? part.toISOString() : String(part ?? "∅"));
    hash.update("\u0000"); // separator: ["ab","c"] and ["a","bc"] must differ
  }
  return `"${hash.digest("base64url").slice(0, 32)}"`;
}

/**
 * The part of a feed's ETag that its entries give: which entries, in which order, each with its
 * last correction. Exactly what the document shows, so any change to it changes the tag.
 */
export function entriesSignature(entries: readonly { id: string; correctedAt: Date | null }[]): string {
  return entries.map((e) => `${e.id}@${e.correctedAt?.getTime() ?? 0}`).join(",");
}

/** The newest publication or correction among the entries, for Last-Modified. */
export function entriesChangedAt(entries: readonly { publishedAt: Date; correctedAt: Date | null }[]): (Date | null)[] {
  return entries.flatMap((e) => [e.publishedAt, e.correctedAt]);
}

/** The newest of the dates, in whole seconds: HTTP dates carry no milliseconds. */
export function lastModifiedOf(dates: readonly (Date | null | undefined)[]): Date {
  const newest = Math.max(0, ...dates.map((date) => date?.getTime() ?? 0));
  return new Date(Math.floor(newest / 1000) * 1000);
}

/** If-None-Match uses weak comparison (RFC 9110 13.1.2): W/"x" matches "x"; "*" matches anything. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((candidate) => opaque(candidate) === opaque(etag));
}

/** An HTTP date (IMF-fixdate, RFC 850 or asctime) in milliseconds, or null when unreadable. */
export function parseHttpDate(value: string): number | null {
  if (value.length > 64) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

export type ConditionalRequest = { ifNoneMatch: string | null; ifModifiedSince: string | null };

/**
 * Whether a conditional GET may be answered 304. If-None-Match takes precedence: when present,
 * If-Modified-Since is ignored (RFC 9110 13.1.3). A date in the future says nothing reliable
 * about the client's copy, so it is ignored too.
 */
export function isNotModified(request: ConditionalRequest, validators: FeedValidators, now = Date.now()): boolean {
  if (request.ifNoneMatch !== null) return etagMatches(request.ifNoneMatch, validators.etag);
  if (!request.ifModifiedSince) return false;
  const since = parseHttpDate(request.ifModifiedSince);
  if (since === null || since > now) return false;
  return validators.lastModified.getTime() <= since;
}

// 32 random bytes → 43 base64url characters: unguessable, and safe in a URL path as it is.
const READER_FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new secret for a private feed URL. Shown to its owner once; only its hash is stored. */
export function generateReaderFeedToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database keeps instead of the token. A plain SHA-256 suffices (no salt or slow hash):
 * the token is 256 random bits, not a password someone could guess.
 */
export function hashReaderFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check, so garbage never reaches the database. */
export function isReaderFeedTokenShape(token: string): boolean {
  return READER_FEED_TOKEN_PATTERN.test(token);
}

/** A stable, non-reversible stand-in for the reader in their feed's id (never the user id). */
export function readerFeedKey(userId: string): string {
  return createHash("sha256").update(`reader-feed:${userId}`).digest("base64url").slice(0, 16);
}
