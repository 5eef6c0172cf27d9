import "server-only";
import type { Context } from "@fedify/fedify";
import { Announce, Article, Create, Delete, Endpoints, Group, Image, LanguageString, Organization, PUBLIC_COLLECTION, Tombstone, Update } from "@fedify/vocab";
import { Temporal } from "@js-temporal/polyfill";
import { updateEntry, type UpdateForFeed } from "@/lib/feed/documents";
import { escapeHtml } from "@/lib/text";
import { causeImagePath } from "@/lib/preview/links";
import { absoluteUrl } from "@/lib/url";
import type { FediverseActor } from "./queries";
import { actorIdentifier, updateVersion } from "./rules";

// The ActivityPub documents the app publishes, built from the same data as pages and feeds: an
// actor per cause and group, an Article per update (the feed entry's title, sanitised HTML,
// summary and permalink), and the activities that carry them.

type Ctx = Context<void>;
export type UpdateForArticle = UpdateForFeed & { topic: { slug: string; title: string; summary: string; language: string } };

// Fedify's types name the coming global Temporal; on Node.js 22 it runs on this polyfill, the same
// package Fedify itself loads.
const instant = (date: Date) => Temporal.Instant.fromEpochMilliseconds(date.getTime()) as unknown as globalThis.Temporal.Instant;
const pagePath = (actor: Pick<FediverseActor, "kind" | "slug">) => (actor.kind === "cause" ? `/c/${actor.slug}` : `/g/${actor.slug}`);
const identifierOf = (actor: Pick<FediverseActor, "kind" | "slug">) => actorIdentifier({ kind: actor.kind, slug: actor.slug });
const causeIdentifier = (update: UpdateForArticle) => actorIdentifier({ kind: "cause", slug: update.topic.slug });

/**
 * A cause is an Organization, a partner group a Group. Anybody may follow without asking
 * (manuallyApprovesFollowers: false); the followers collection shows how many, never who.
 */
export function actorDocument(ctx: Ctx, actor: FediverseActor, keys: { cryptographicKey: import("@fedify/vocab").CryptographicKey }[]) {
  const identifier = identifierOf(actor);
  const Type = actor.kind === "cause" ? Organization : Group;
  return new Type({
    id: ctx.getActorUri(identifier),
    preferredUsername: identifier,
    name: actor.name,
    summary: actor.summary.trim() ? `<p>${escapeHtml(actor.summary)}</p>` : null,
    url: new URL(absoluteUrl(pagePath(actor))),
    icon: actor.kind === "cause" ? new Image({ url: new URL(absoluteUrl(causeImagePath(actor.slug))), mediaType: "image/png" }) : null,
    published: instant(actor.createdAt),
    inbox: ctx.getInboxUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    outbox: ctx.getOutboxUri(identifier),
    followers: ctx.getFollowersUri(identifier),
    publicKey: keys[0]?.cryptographicKey ?? null,
    manuallyApprovesFollowers: false,
    discoverable: true,
  });
}

export const articleUri = (ctx: Ctx, update: Pick<UpdateForArticle, "id" | "topic">) => ctx.getObjectUri(Article, { slug: update.topic.slug, id: update.id });

/** One update as an Article: Mastodon shows its name, summary and link, other software its content. */
export function articleOf(ctx: Ctx, update: UpdateForArticle): Article {
  const entry = updateEntry(update, update.topic);
  const author = causeIdentifier(update);
  return new Article({
    id: articleUri(ctx, update),
    attribution: ctx.getActorUri(author),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(author),
    name: entry.title,
    summary: entry.summary || null,
    contents: [entry.contentHtml, new LanguageString(entry.contentHtml, update.topic.language)],
    url: new URL(entry.url),
    published: instant(update.publishedAt),
    updated: update.correctedAt ? instant(update.correctedAt) : null,
  });
}

/** A new update, from its cause. */
export function createActivity(ctx: Ctx, update: UpdateForArticle): Create {
  const article = articleOf(ctx, update);
  return new Create({
    id: new URL(`${article.id!.href}#create`),
    actor: article.attributionId,
    object: article,
    to: PUBLIC_COLLECTION,
    ccs: article.ccIds,
    published: instant(update.publishedAt),
  });
}

/** A corrected update: the same Article with its new content, named by the correction's time. */
export function updateActivity(ctx: Ctx, update: UpdateForArticle): Update {
  const article = articleOf(ctx, update);
  return new Update({
    id: new URL(`${article.id!.href}#update-${updateVersion(update).getTime()}`),
    actor: article.attributionId,
    object: article,
    to: PUBLIC_COLLECTION,
    ccs: article.ccIds,
    published: instant(updateVersion(update)),
  });
}

/** A deleted or hidden update: a Tombstone in its place. */
export function deleteActivity(ctx: Ctx, update: Pick<UpdateForArticle, "id" | "topic">): Delete {
  const id = articleUri(ctx, update);
  const author = causeIdentifier(update as UpdateForArticle);
  return new Delete({
    id: new URL(`${id.href}#delete`),
    actor: ctx.getActorUri(author),
    object: new Tombstone({ id }),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(author),
  });
}

/** A member cause's update, shared by a partner group with its own followers (a boost). */
export function announceActivity(ctx: Ctx, group: Pick<FediverseActor, "kind" | "slug">, update: Pick<UpdateForArticle, "id" | "publishedAt" | "topic">): Announce {
  const identifier = identifierOf(group);
  return new Announce({
    id: new URL(`${ctx.getActorUri(identifier).href}#announce-${update.id}`),
    actor: ctx.getActorUri(identifier),
    object: articleUri(ctx, update),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(identifier),
    published: instant(update.publishedAt),
  });
}
