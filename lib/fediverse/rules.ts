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

/** An update's Article lives under its cause, as its page does: /ap/c/<slug>/u/<id>. */
export const ARTICLE_PATH = `${AP_PATH}/c/{slug}/u/{id}`;

/** The ActivityPub path a page's URL stands for, or null when the page has none. */
export function activityPathOfPage(pathname: string): string | null {
  const cause = /^\/c\/([^/]+)(?:\/u\/([A-Za-z0-9]{1,40}))?\/?$/.exec(pathname);
  if (cause) {
    if (parseActorIdentifier(cause[1])?.kind !== "cause") return null;
    return cause[2] ? `${AP_PATH}/c/${cause[1]}/u/${cause[2]}` : `${AP_PATH}/actors/${cause[1]}`;
  }
  const group = /^\/g\/([^/]+)\/?$/.exec(pathname);
  return group && SLUG_PATTERN.test(group[1]) ? `${AP_PATH}/actors/${actorIdentifier({ kind: "group", slug: group[1] })}` : null;
}

/** Remote ids and inboxes longer than this are not stored (nobody's real ones are). */
export const MAX_REMOTE_URL = 2048;

/**
 * Where a remote account may have activities sent: an http(s) address on its own server (its
 * actor's origin), of a sane length. Anything else — an inbox inside another network, or one that
 * names somebody else's server — is refused, so a Follow cannot make this server post elsewhere.
 */
export function isAcceptableInbox(inbox: string, actorId: string): boolean {
  if (inbox.length > MAX_REMOTE_URL || actorId.length > MAX_REMOTE_URL) return false;
  try {
    const url = new URL(inbox);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === new URL(actorId).origin && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The actor an activity names (a string, or an object with an id), or null. */
export function activityActorId(activity: unknown): string | null {
  if (!activity || typeof activity !== "object") return null;
  const actor = (activity as { actor?: unknown }).actor;
  if (typeof actor === "string") return actor;
  if (actor && typeof actor === "object" && typeof (actor as { id?: unknown }).id === "string") return (actor as { id: string }).id;
  return null;
}

/** Whether a signing key may speak for an actor: both on one server (scheme, host and port). */
export function keyMaySpeakFor(keyId: string, actorId: string): boolean {
  try {
    return new URL(keyId).origin === new URL(actorId).origin;
  } catch {
    return false;
  }
}
