import "server-only";
import { env } from "@/lib/env";
import { absoluteUrl } from "@/lib/url";
import { actorIdentifier, AP_PATH } from "./rules";

/** A cause's or group's fediverse handle, as people type it into Mastodon: @saubere-spree@example.org. */
export function fediverseHandle(kind: "cause" | "group", slug: string): string {
  return `@${actorIdentifier({ kind, slug })}@${new URL(env.APP_URL).host}`;
}

/** Its ActivityPub actor, for <link rel="alternate" type="application/activity+json">. */
export function actorUrl(kind: "cause" | "group", slug: string): string {
  return absoluteUrl(`${AP_PATH}/actors/${actorIdentifier({ kind, slug })}`);
}
