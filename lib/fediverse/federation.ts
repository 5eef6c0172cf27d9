import "server-only";
import { createFederation, type Federation, type InboxContext } from "@fedify/fedify";
import { Accept, Announce, Article, Create, Delete, Follow, Like, Reject, Undo, Update } from "@fedify/vocab";
import { env } from "@/lib/env";
import { logger } from "@/lib/log.mjs";
import { resolvesPublicly } from "@/lib/security/resolve";
import { actorKeyPair, endFollowsAtInbox, endFollowsOfAccount, followFromFediverse, leaveFromFediverse } from "./mutations";
import { actorDocument, articleOf, createActivity, announceActivity } from "./objects";
import { countFollowers, countOutbox, findActor, findActorRecord, findPublicUpdate, instanceUsage, outboxPage } from "./queries";
import { AP_PATH, ARTICLE_PATH, isAcceptableInbox } from "./rules";
import { DatabaseKvStore, DatabaseMessageQueue } from "./store";

// The app's ActivityPub side, built on Fedify: WebFinger, NodeInfo, an actor per published cause
// and partner group, their inboxes (Follow and Undo change state; everything else is accepted and
// ignored), followers as a count only, a public paged outbox, and each update as an Article.
// Outgoing activities are queued in the database and delivered by the worker, with Fedify's
// retries and backoff; only the answer to a Follow goes out at once.

const log = logger("fediverse");
export const OUTBOX_PAGE_SIZE = 20;

export const fediverseQueue = new DatabaseMessageQueue();

function build(): Federation<void> {
  const federation = createFederation<void>({
    kv: new DatabaseKvStore(),
    // Incoming activities are handled while the request waits (they are small); outgoing ones wait
    // in the database for the worker.
    queue: { outbox: fediverseQueue, fanout: fediverseQueue },
    manuallyStartQueue: true,
    // Every id and handle is made from APP_URL, whatever Host a request claims.
    origin: env.APP_URL,
    // Tests on one machine only: lets Fedify fetch actors on loopback (never on a public instance).
    allowPrivateAddress: env.FEDIVERSE_ALLOW_PRIVATE_ADDRESS,
    userAgent: { software: "Herzensthema/0.1", url: env.APP_URL },
  });

  federation
    .setActorDispatcher(`${AP_PATH}/actors/{identifier}`, async (ctx, identifier) => {
      const actor = await findActor(identifier);
      if (!actor) return null;
      return actorDocument(ctx, actor, await ctx.getActorKeyPairs(identifier));
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      const actor = await findActor(identifier);
      return actor ? [await actorKeyPair(actor)] : [];
    });

  // Who follows is nobody's business: the collection has a count and no items.
  federation
    .setFollowersDispatcher(`${AP_PATH}/actors/{identifier}/followers`, async (_ctx, identifier) =>
      (await findActor(identifier)) ? { items: [] } : null,
    )
    .setCounter(async (_ctx, identifier) => {
      const actor = await findActor(identifier);
      return actor ? countFollowers(actor) : null;
    });

  federation
    .setOutboxDispatcher(`${AP_PATH}/actors/{identifier}/outbox`, async (ctx, identifier, cursor) => {
      const actor = await findActor(identifier);
      if (!actor || cursor === null) return null;
      const updates = await outboxPage(actor.topicIds, OUTBOX_PAGE_SIZE, cursor || null);
      const items = updates.map((update) => (actor.kind === "cause" ? createActivity(ctx, update) : announceActivity(ctx, actor, update)));
      return { items, nextCursor: updates.length === OUTBOX_PAGE_SIZE ? updates[updates.length - 1].id : null };
    })
    .setCounter(async (_ctx, identifier) => {
      const actor = await findActor(identifier);
      return actor ? countOutbox(actor.topicIds) : null;
    })
    .setFirstCursor(() => "");

  federation.setObjectDispatcher(Article, ARTICLE_PATH, async (ctx, { slug, id }) => {
    const update = await findPublicUpdate(id, slug);
    return update ? articleOf(ctx, update) : null;
  });

  federation.setNodeInfoDispatcher(`${AP_PATH}/nodeinfo/2.1`, async () => {
    const usage = await instanceUsage();
    return {
      software: { name: "herzensthema", version: "0.1.0" },
      protocols: ["activitypub"],
      openRegistrations: true,
      usage: { users: { total: usage.causes }, localPosts: usage.updates, localComments: 0 },
    };
  });

  federation
    .setInboxListeners(`${AP_PATH}/actors/{identifier}/inbox`, `${AP_PATH}/inbox`)
    .on(Follow, onFollow)
    .on(Undo, onUndo)
    // Replies, likes, boosts and the rest: accepted (202) and not stored — a cause page has no comments.
    .on(Create, ignore)
    .on(Update, ignore)
    .on(Delete, onDelete)
    .on(Like, ignore)
    .on(Announce, ignore)
    .onError((_ctx, error) => log.warn({ err: error }, "inbox activity failed"));

  // An inbox that answers 404 or 410 is gone for good: its followers leave (with a ledger entry),
  // instead of being tried after every update.
  federation.setOutboxPermanentFailureHandler(async (_ctx, { inbox, statusCode }) => {
    const ended = await endFollowsAtInbox(inbox.href);
    if (ended) log.info({ ended, statusCode }, "fediverse followers ended: their inbox is gone");
  });

  return federation;
}

async function ignore() {}

/** Follow → Accept while the cause or group is published (Reject otherwise), one subscription. */
async function onFollow(ctx: InboxContext<void>, follow: Follow) {
  if (!follow.id || !follow.actorId || !follow.objectId) return;
  const target = ctx.parseUri(follow.objectId);
  if (target?.type !== "actor") return;
  const actor = await findActor(target.identifier);
  if (!actor) return;
  const follower = await follow.getActor(ctx);
  // Only the signer may follow for itself (Fedify checked the signature is the activity actor's).
  if (!follower?.id || follower.id.href !== follow.actorId.href || !follower.inboxId) return;
  const inbox = follower.inboxId.href;
  const sharedInbox = follower.endpoints?.sharedInbox?.href ?? null;
  // Where this server will post: on the follower's own server, and on the public internet.
  for (const target of [inbox, sharedInbox]) {
    if (target === null) continue;
    if (!isAcceptableInbox(target, follower.id.href) || !(env.FEDIVERSE_ALLOW_PRIVATE_ADDRESS || (await resolvesPublicly(target)))) {
      log.info({ actor: target }, "follow ignored: its inbox is not on its own public server");
      return;
    }
  }
  const actorUri = ctx.getActorUri(target.identifier);
  if (actor.open) {
    await followFromFediverse(actor, { actor: follower.id.href, inbox, sharedInbox });
    log.info({ actor: target.identifier }, "followed from the fediverse");
  }
  const Answer = actor.open ? Accept : Reject;
  const answer = new Answer({ id: new URL(`${actorUri.href}#${actor.open ? "accept" : "reject"}-${crypto.randomUUID()}`), actor: actorUri, object: follow });
  // The follower's server waits for this: sent at once, and left to the worker's queue if that fails.
  try {
    await ctx.sendActivity({ identifier: target.identifier }, follower, answer, { immediate: true });
  } catch (error) {
    log.info({ err: error }, "answer to a follow could not be sent at once; queued");
    await ctx.sendActivity({ identifier: target.identifier }, follower, answer);
  }
}

/** Undo of a Follow → the remote account leaves. */
async function onUndo(ctx: InboxContext<void>, undo: Undo) {
  const follow = await undo.getObject(ctx).catch(() => null);
  if (!(follow instanceof Follow) || !follow.objectId || !undo.actorId || follow.actorId?.href !== undo.actorId.href) return;
  const target = ctx.parseUri(follow.objectId);
  if (target?.type !== "actor") return;
  // Leaving works whatever state the cause or group is in.
  const actor = await findActorRecord(target.identifier);
  if (actor && (await leaveFromFediverse(actor, undo.actorId.href))) log.info({ actor: target.identifier }, "left from the fediverse");
}

/** A remote account deleting itself (Delete whose object is its actor) ends its follows; other Deletes are ignored. */
async function onDelete(_ctx: InboxContext<void>, activity: Delete) {
  if (!activity.actorId || activity.objectId?.href !== activity.actorId.href) return;
  const ended = await endFollowsOfAccount(activity.actorId.href);
  if (ended) log.info({ ended }, "fediverse account deleted: its follows ended");
}

// One federation per process (route handlers and the worker share it), like the database client.
const globalForFederation = globalThis as unknown as { herzensthemaFederation?: Federation<void> };
export const federation: Federation<void> = (globalForFederation.herzensthemaFederation ??= build());
