import slugify from "slugify";
import { searchFold } from "@/lib/text";

export const SLUG_MIN = 3;
export const SLUG_MAX = 60;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TAGS = 8;
export const TAG_MAX = 30;

// Paths that cause slugs must never shadow, now or later.
const RESERVED_SLUGS = new Set(["new", "edit", "admin", "api", "feed", "feeds", "embed", "dashboard", "settings"]);

// Letters of scripts that slugify spells letter by letter into noise ("حديقة الحي" → "hdyqh-alhy"):
// anything but Latin, Greek and Cyrillic, which transliterate readably.
const UNREADABLE_LETTER = /(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{L}/gu;
const HAS_UNREADABLE_LETTER = new RegExp(UNREADABLE_LETTER.source, "u");
const slugOf = (text: string) => slugify(text, { lower: true, strict: true, locale: "de", trim: true });

/** A short code of a text (FNV-1a, base 36): the same title always gets the same code. */
function shortCode(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash.toString(36).padStart(7, "0").slice(-6);
}

/**
 * A readable slug from a title: "Bäume für die Südstadt!" → "baeume-fuer-die-suedstadt". A title
 * in Arabic, Hebrew, Chinese, … keeps its Latin words, if any, plus a short code of the title
 * ("Park حديقة الحي" → "park-1x2k9q"), instead of a letter-by-letter spelling nobody can read.
 */
export function slugFromTitle(title: string): string {
  if (HAS_UNREADABLE_LETTER.test(title)) {
    const latin = slugOf(title.replace(UNREADABLE_LETTER, " ")).slice(0, SLUG_MAX - 7).replace(/-+$/, "");
    return `${latin.length >= SLUG_MIN ? latin : "cause"}-${shortCode(title.trim())}`;
  }
  const base = slugOf(title).slice(0, SLUG_MAX).replace(/-+$/, "");
  return base.length >= SLUG_MIN ? base : `${base || "cause"}-${Date.now().toString(36).slice(-4)}`;
}

export function isValidSlug(slug: string): boolean {
  return slug.length >= SLUG_MIN && slug.length <= SLUG_MAX && SLUG_PATTERN.test(slug) && !RESERVED_SLUGS.has(slug);
}

/** Candidates tried in order when a generated slug is taken: base, base-2, base-3, … */
export function slugCandidates(base: string, count = 20): string[] {
  const candidates = [base];
  for (let n = 2; candidates.length < count; n++) {
    const suffix = `-${n}`;
    candidates.push(base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, "") + suffix);
  }
  return candidates;
}

/** The first candidate nobody has taken; a time-stamped fallback if all are taken. */
export function pickFreeSlug(candidates: string[], taken: Set<string>, now = Date.now()): string {
  return candidates.find((slug) => !taken.has(slug)) ?? `${candidates[0].slice(0, 50)}-${now.toString(36)}`;
}

/** A tag as typed and the key it is matched on: { label: "Bäume", key: "baeume" }. */
export type TagInput = { label: string; key: string };
/** Why a typed tag was refused: no letter or digit at all, or characters a tag cannot hold. */
export type RefusedTag = { label: string; reason: "tagNoLetters" | "tagCharacters" };

/** Longest key a tag may fold to (what explore's ?tag= accepts); "ﷺ" alone folds to 18 letters. */
export const TAG_KEY_MAX = 100;
// What a tag may hold: letters with their marks, digits, spaces, hyphens, apostrophes, and the
// joiners Persian and Indic words need. No emoji, symbols or dots: the key would drop them, so a
// first spelling like "Klima 💩" could restyle everybody's #Klima.
const TAG_CHARACTERS = /^[\p{L}\p{M}\p{N}\u200C\u200D '’-]+$/u;
// Letters that show as nothing (Hangul fillers).
const INVISIBLE_LETTERS = /[\u115F\u1160\u3164\uFFA0]/u;
// Vowel points of Arabic and Hebrew: "حَديقة" and "حديقة" are the same word.
const VOWEL_POINTS = /[\u0591-\u05C7\u064B-\u065F\u0670]/gu;

/**
 * What tags are matched on, whatever the case and accents: "Bäume", "BÄUME" and "baeume" →
 * "baeume"; "Café" → "cafe"; "Öffentlicher Raum" → "oeffentlicher-raum" (the slugs tags have always
 * had). Words in scripts that do not transliterate readably keep their letters, lower-cased and
 * without vowel points or joiners: "حديقة الحي" → "حديقة-الحي", not "hdyqh-alhy". Empty when the
 * text has no letter or digit.
 */
export function tagKey(text: string): string {
  const normal = text.normalize("NFKC");
  if (!HAS_UNREADABLE_LETTER.test(normal)) return slugOf(normal);
  return normal
    .replace(/[\u200C\u200D]/g, "")
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .map((word) => (HAS_UNREADABLE_LETTER.test(word) ? word.replace(VOWEL_POINTS, "").toLowerCase() : slugOf(word)))
    .filter(Boolean)
    .join("-");
}

/**
 * "Klima, Bäume ,  klima,, 🌳" → tags [Klima, Bäume] (as first typed, one per key) and refused
 * [🌳: no letter]: a tag that cannot be one is said, never dropped silently.
 */
export function parseTags(input: string): { tags: TagInput[]; refused: RefusedTag[] } {
  const tags = new Map<string, string>();
  const refused: RefusedTag[] = [];
  for (const part of input.split(/[,\n]/)) {
    const label = part.normalize("NFC").replace(/\s+/g, " ").trim().replace(/^#+\s*/, "");
    if (!label) continue;
    const key = tagKey(label);
    if (!/[\p{L}\p{N}]/u.test(label) || !key) refused.push({ label, reason: "tagNoLetters" });
    else if (!TAG_CHARACTERS.test(label) || INVISIBLE_LETTERS.test(label)) refused.push({ label, reason: "tagCharacters" });
    else if (!tags.has(key)) tags.set(key, label);
  }
  return { tags: [...tags].map(([key, label]) => ({ key, label })), refused };
}

export type TopicStatusValue = "draft" | "published" | "archived" | "suspended" | "removed";

// Suspending and lifting are the operators' (lib/moderation), removal follows account deletion.
const transitions: Record<TopicStatusValue, TopicStatusValue[]> = {
  draft: ["published"],
  published: ["archived"],
  archived: ["published"],
  suspended: [],
  removed: [],
};

/**
 * The publisher's own changes: draft → published → archived; an archived cause may be published
 * again. Never back to draft; nothing while suspended or removed.
 */
export function canChangeStatus(from: TopicStatusValue, to: TopicStatusValue): boolean {
  return transitions[from].includes(to);
}

/**
 * Drafts are visible to their owner only; published and archived causes to everybody. Suspended
 * and removed causes are "gone" (410) for everybody, their page says why (see isGone).
 */
export function canView(topic: { status: TopicStatusValue; ownerId: string | null }, viewerId: string | undefined): boolean {
  return topic.status !== "draft" || (topic.ownerId !== null && topic.ownerId === viewerId);
}

/** Causes whose page, updates and feeds are public: everything but drafts and ended causes. */
export const LIVE_STATUSES = ["published", "archived"] as const;

/** Causes whose page, feeds and mails have ended: suspended by an operator, or removed by their publisher. */
export function isGone(status: TopicStatusValue): status is "suspended" | "removed" {
  return status === "suspended" || status === "removed";
}

/** What explore's search looks through: title and summary, folded (lib/text.ts searchFold). */
export function causeSearchText(cause: { title: string; summary: string }): string {
  return searchFold(`${cause.title}\n${cause.summary}`);
}

/**
 * "Similar causes", best first: those in the cause's language, then those sharing more of its
 * tags, then the most recently active (`activeAt`: its newest update, else its publication).
 */
export function rankSimilarCauses<T extends { language: string; tags: { slug: string }[] }>(
  cause: { language: string; tags: { slug: string }[] },
  candidates: T[],
  activeAt: (candidate: T) => Date | null,
): T[] {
  const slugs = new Set(cause.tags.map((tag) => tag.slug));
  const shared = (c: T) => c.tags.filter((tag) => slugs.has(tag.slug)).length;
  const active = (c: T) => activeAt(c)?.getTime() ?? 0;
  return [...candidates].sort(
    (a, b) =>
      Number(b.language === cause.language) - Number(a.language === cause.language) || shared(b) - shared(a) || active(b) - active(a),
  );
}
