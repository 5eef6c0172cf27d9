import slugify from "slugify";

export const SLUG_MIN = 3;
export const SLUG_MAX = 60;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TAGS = 8;
export const TAG_MAX = 30;

// Paths that cause slugs must never shadow, now or later.
const RESERVED_SLUGS = new Set(["new", "edit", "admin", "api", "feed", "feeds", "embed", "dashboard", "settings"]);

/** A readable slug from a title: "Bäume für die Südstadt!" → "baeume-fuer-die-suedstadt". */
export function slugFromTitle(title: string): string {
  const base = slugify(title, { lower: true, strict: true, locale: "de", trim: true })
    .slice(0, SLUG_MAX)
    .replace(/-+$/, "");
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

/** "Klima, Wohnen ,  klima" → ["klima", "wohnen"]: lower-case, de-duplicated, slug-shaped. */
/** The first candidate nobody has taken; a time-stamped fallback if all are taken. */
export function pickFreeSlug(candidates: string[], taken: Set<string>, now = Date.now()): string {
  return candidates.find((slug) => !taken.has(slug)) ?? `${candidates[0].slice(0, 50)}-${now.toString(36)}`;
}

export function parseTags(input: string): string[] {
  const tags = input
    .split(/[,\n]/)
    .map((tag) => slugify(tag, { lower: true, strict: true, locale: "de", trim: true }))
    .filter((tag) => tag.length > 0);
  return [...new Set(tags)];
}

export type TopicStatusValue = "draft" | "published" | "archived";

const transitions: Record<TopicStatusValue, TopicStatusValue[]> = {
  draft: ["published"],
  published: ["archived"],
  archived: ["published"],
};

/** Draft → published → archived; an archived cause may be published again. Never back to draft. */
export function canChangeStatus(from: TopicStatusValue, to: TopicStatusValue): boolean {
  return transitions[from].includes(to);
}

/** Drafts are visible to their owner only; published and archived causes to everybody. */
export function canView(topic: { status: TopicStatusValue; ownerId: string }, viewerId: string | undefined): boolean {
  return topic.status !== "draft" || topic.ownerId === viewerId;
}
