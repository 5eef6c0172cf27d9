import "server-only";
import type { Recipient } from "@fedify/vocab";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { loadMembershipGraph } from "@/lib/delivery/audience";
import { membershipGraph, type MembershipGraph } from "@/lib/subscription/sources";
import { logger } from "@/lib/log.mjs";
import { resolvesPublicly } from "@/lib/security/resolve";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import { federation, fediverseQueue } from "./federation";
import { announceActivity, createActivity, deleteActivity, updateActivity } from "./objects";
import { actorIdentifier, announcement, updateVersion } from "./rules";
import { purgeExpiredKv } from "./store";

// The worker's part of the fediverse, once a pass: tell followers what changed on the web (a new
// update → Create, a correction → Update, a deletion or hiding → Delete; a partner group boosts its
// members' new updates), then deliver what is queued. Publishing itself sends nothing: it writes a
// row, and this pass reads what the pages show. Nothing published before a follower followed is
// sent to it.

const log = logger("fediverse");
const BATCH = 100;

export type FediverseStats = { announced: number; delivered: number };

type Follower = { since: Date; remoteActor: string | null; remoteInbox: string | null; remoteSharedInbox: string | null };

const recipientOf = (f: Follower): Recipient => ({
  id: new URL(f.remoteActor!),
  inboxId: new URL(f.remoteInbox!),
  endpoints: f.remoteSharedInbox ? { sharedInbox: new URL(f.remoteSharedInbox) } : null,
});
const followedBefore = (followers: Follower[], moment: Date) => followers.filter((f) => f.since.getTime() <= moment.getTime()).map(recipientOf);

/** Finds updates whose fediverse followers are behind and queues what brings them up to date. */
export async function announceUpdates(now = new Date(), graph?: MembershipGraph): Promise<number> {
  const subscriptions = await db.subscription.findMany({
    where: { channel: "fediverse", status: "active", remoteActor: { not: null }, remoteInbox: { not: null } },
    select: { topicId: true, groupId: true, since: true, remoteActor: true, remoteInbox: true, remoteSharedInbox: true },
  });
  if (subscriptions.length === 0) return 0;

  graph ??= subscriptions.some((s) => s.groupId) ? await loadMembershipGraph() : membershipGraph([]);
  const causeFollowers = new Map<string, Follower[]>();
  const groupFollowers = new Map<string, Follower[]>();
  for (const s of subscriptions) {
    if (s.topicId) causeFollowers.set(s.topicId, [...(causeFollowers.get(s.topicId) ?? []), s]);
    if (s.groupId) groupFollowers.set(s.groupId, [...(groupFollowers.get(s.groupId) ?? []), s]);
  }
  // Corrections and deletions reach every group a cause was ever a member of: a group that boosted
  // an update before the cause left must still learn that it changed or is gone.
  const everMemberOf = new Map<string, string[]>();
  const everMembers = groupFollowers.size
    ? await db.groupMembership.findMany({ where: { groupId: { in: [...groupFollowers.keys()] } }, select: { topicId: true, groupId: true } })
    : [];
  for (const m of everMembers) everMemberOf.set(m.topicId, [...(everMemberOf.get(m.topicId) ?? []), m.groupId]);
  const topicIds = new Set([...causeFollowers.keys(), ...everMemberOf.keys()]);
  const earliest = new Date(Math.min(...subscriptions.map((s) => s.since.getTime())));

  const candidates = await db.update.findMany({
    where: {
      topicId: { in: [...topicIds] },
      topic: { status: { in: [...LIVE_STATUSES] } },
      apDeletedAt: null,
      OR: [
        { apVersion: null, hiddenAt: null, publishedAt: { gte: earliest, lte: now } },
        { apVersion: { not: null }, hiddenAt: { not: null } },
        { apVersion: { not: null }, hiddenAt: null, correctedAt: { gt: db.update.fields.apVersion } },
      ],
    },
    include: { topic: { select: { slug: true, title: true, summary: true, language: true } } },
    orderBy: { publishedAt: "asc" },
    take: BATCH,
  });
  if (candidates.length === 0) return 0;

  const groups = await db.partnerGroup.findMany({ where: { id: { in: [...groupFollowers.keys()] } }, select: { id: true, slug: true } });
  const reachable = publicInboxes();
  const ctx = federation.createContext(new URL(env.APP_URL), undefined);
  let announced = 0;
  for (const update of candidates) {
    const action = announcement({ ...update, hidden: update.hiddenAt !== null });
    if (!action) continue;
    // Claimed before anything is queued, conditional on nobody else having told them since and on
    // the update still being as it was read (hidden or corrected meanwhile: the next pass sees it).
    const claim = action === "delete" ? { apDeletedAt: now } : { apVersion: updateVersion(update) };
    const unchanged = action === "delete" ? { hiddenAt: { not: null } } : { hiddenAt: null, correctedAt: update.correctedAt };
    const { count } = await db.update.updateMany({ where: { id: update.id, apVersion: update.apVersion, apDeletedAt: null, ...unchanged }, data: claim });
    if (count === 0) continue;

    const memberOf = (graph.groupsOf.get(update.topicId) ?? []).filter((g) => groupFollowers.has(g));
    const direct = await reachable(followedBefore(causeFollowers.get(update.topicId) ?? [], update.publishedAt));
    const wasMemberOf = (everMemberOf.get(update.topicId) ?? []).filter((g) => groupFollowers.has(g));
    const viaGroups = await reachable(wasMemberOf.flatMap((g) => followedBefore(groupFollowers.get(g) ?? [], update.publishedAt)));
    const cause = { identifier: actorIdentifier({ kind: "cause", slug: update.topic.slug }) };
    const options = { preferSharedInbox: true };
    if (action === "create") {
      if (direct.length) await ctx.sendActivity(cause, direct, createActivity(ctx, update), options);
      for (const group of groups.filter((g) => memberOf.includes(g.id))) {
        const followers = await reachable(followedBefore(groupFollowers.get(group.id) ?? [], update.publishedAt));
        const ref = { kind: "group" as const, slug: group.slug };
        if (followers.length) await ctx.sendActivity({ identifier: actorIdentifier(ref) }, followers, announceActivity(ctx, ref, update), options);
      }
    } else {
      const everyone = [...direct, ...viaGroups];
      const activity = action === "update" ? updateActivity(ctx, update) : deleteActivity(ctx, update);
      if (everyone.length) await ctx.sendActivity(cause, everyone, activity, options);
    }
    announced++;
  }
  if (announced) log.info({ announced }, "fediverse followers told of updates");
  return announced;
}

/**
 * Drops recipients whose inboxes do not (any more) resolve to public addresses — checked once per
 * host and pass — unless private addresses are allowed (tests on one machine).
 */
function publicInboxes() {
  const byHost = new Map<string, Promise<boolean>>();
  const isPublic = (url: URL) => {
    if (env.FEDIVERSE_ALLOW_PRIVATE_ADDRESS) return Promise.resolve(true);
    if (!byHost.has(url.host)) byHost.set(url.host, resolvesPublicly(url.href));
    return byHost.get(url.host)!;
  };
  return async (recipients: Recipient[]) => {
    const checked = await Promise.all(
      recipients.map(async (r) => (await isPublic(r.inboxId!)) && (!r.endpoints?.sharedInbox || (await isPublic(r.endpoints.sharedInbox)))),
    );
    return recipients.filter((_, i) => checked[i]);
  };
}

/** Delivers every queued activity that is due (Fedify signs, sends, and queues its own retries). */
export async function deliverQueued(options: { now?: Date; shouldStop?: () => boolean } = {}): Promise<number> {
  let delivered = 0;
  // A fan-out task queues one task per inbox: those are due at once, so a few rounds per pass.
  for (let round = 0; round < 5 && !options.shouldStop?.(); round++) {
    const handled = await fediverseQueue.drain((message) => federation.processQueuedTask(undefined, message as never), options);
    delivered += handled;
    if (handled === 0) break;
  }
  return delivered;
}

/** The worker's fediverse pass (with the pass's partner groups, when the worker has read them). */
export async function runFediversePass(options: { now?: Date; shouldStop?: () => boolean; graph?: MembershipGraph } = {}): Promise<FediverseStats> {
  const announced = await announceUpdates(options.now ?? new Date(), options.graph);
  const delivered = await deliverQueued(options);
  await purgeExpiredKv();
  return { announced, delivered };
}
