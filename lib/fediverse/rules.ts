import { SLUG_PATTERN } from "@/lib/topic/rules";

// The fediverse, as pure rules: which actor a handle names, what followers must be told about an
// update, and whether a request asks for ActivityPub rather than a page.

/** Where the ActivityPub side of the app lives (actors, inboxes, collections, objects). */
export const AP_PATH = "/ap";

/** A cause or partner group seen as an ActivityPub actor. */
export type ActorRef = { kind: "cause" | "group"; slug: string };

// Causes keep their slug as handle (@saubere-spree@host); a group's handle starts with "g." —
// cause slugs never hold a dot, so the two can never name the same actor.
const GROUP_PREFIX = "g.";

/** The actor's identifier, which is also its fediverse user name. */
export function actorIdentifier(ref: ActorRef): string {
  return ref.kind === "group" ? `${GROUP_PREFIX}${ref.slug}` : ref.slug;
}

/** The cause or group an identifier names, or null for anything that cannot be one. */
export function parseActorIdentifier(identifier: string): ActorRef | null {
  const group = identifier.startsWith(GROUP_PREFIX);
  const slug = group ? identifier.slice(GROUP_PREFIX.length) : identifier;
  if (slug.length > 100 || !SLUG_PATTERN.test(slug)) return null;
  return { kind: group ? "group" : "cause", slug };
}

/** What an update looks like now, and what its fediverse followers were last told. */
export type AnnouncementState = {
  publishedAt: Date;
  correctedAt: Date | null;
  hidden: boolean;
  /** The version followers have (publishedAt or the correction's time), null if never told. */
  apVersion: Date | null;
  apDeletedAt: Date | null;
};

/** The version of an update a follower should have: its last correction, or its publication. */
export const updateVersion = (state: Pick<AnnouncementState, "publishedAt" | "correctedAt">) => state.correctedAt ?? state.publishedAt;

/**
 * The activity that brings followers up to date, or null when they are: a new update is a Create,
 * a correction an Update, a deleted or hidden one a Delete — the fediverse shows exactly what the
 * web shows. An update hidden before anybody was told needs nothing, and a Delete is final.
 */
export function announcement(state: AnnouncementState): "create" | "update" | "delete" | null {
  if (state.apDeletedAt) return null;
  if (state.hidden) return state.apVersion ? "delete" : null;
  if (!state.apVersion) return "create";
  return updateVersion(state).getTime() > state.apVersion.getTime() ? "update" : null;
}

const AP_TYPES = ["application/activity+json", "application/ld+json"];

/**
 * Whether a request to a page asks for its ActivityPub object instead (content negotiation): a
 * fediverse server fetching a pasted cause URL sends Accept: application/activity+json (or
 * ld+json), a browser asks for text/html.
 */
export function wantsActivityJson(accept: string | null): boolean {
  if (!accept) return false;
  const types = accept.toLowerCase().split(",").map((part) => part.split(";")[0].trim());
  return types.some((type) => AP_TYPES.includes(type)) && !types.includes("text/html");
}

/** The ActivityPub path a page's URL stands for, or null when the page has none. */
export function activityPathOfPage(pathname: string): string | null {
  const cause = /^\/c\/([^/]+)\/?$/.exec(pathname);
  if (cause) return parseActorIdentifier(cause[1]) ? `${AP_PATH}/actors/${cause[1]}` : null;
  const group = /^\/g\/([^/]+)\/?$/.exec(pathname);
  if (group) return SLUG_PATTERN.test(group[1]) ? `${AP_PATH}/actors/${actorIdentifier({ kind: "group", slug: group[1] })}` : null;
  const update = /^\/c\/([^/]+)\/u\/([A-Za-z0-9]+)\/?$/.exec(pathname);
  return update ? `${AP_PATH}/updates/${update[2]}` : null;
}
