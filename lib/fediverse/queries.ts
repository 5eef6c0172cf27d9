import "server-only";
import { db } from "@/lib/db";
import { activeMemberTopicIds } from "@/lib/group/queries";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import { cursorAfter, newestUpdates } from "@/lib/update/timeline";
import { parseActorIdentifier } from "./rules";

// What the fediverse may see: published causes and active partner groups as actors (archived ones
// still answer, but take no new followers), their public updates, and follower counts — never who.

export type FediverseActor = {
  kind: "cause" | "group";
  id: string;
  slug: string;
  name: string;
  summary: string;
  language: string;
  createdAt: Date;
  /** Whether it takes new followers (published cause, active group). */
  open: boolean;
  /** The causes whose updates it speaks of: itself, or a group's current members. */
  topicIds: string[];
};

/** The cause or group behind an actor identifier, or null when it does not exist publicly. */
export async function findActor(identifier: string): Promise<FediverseActor | null> {
  const ref = parseActorIdentifier(identifier);
  if (!ref) return null;
  if (ref.kind === "cause") {
    const topic = await db.topic.findUnique({
      where: { slug: ref.slug },
      select: { id: true, slug: true, title: true, summary: true, language: true, status: true, createdAt: true },
    });
    if (!topic || !(LIVE_STATUSES as readonly string[]).includes(topic.status)) return null;
    return {
      kind: "cause",
      id: topic.id,
      slug: topic.slug,
      name: topic.title,
      summary: topic.summary,
      language: topic.language,
      createdAt: topic.createdAt,
      open: topic.status === "published",
      topicIds: [topic.id],
    };
  }
  const group = await db.partnerGroup.findUnique({
    where: { slug: ref.slug },
    select: { id: true, slug: true, name: true, concern: true, language: true, status: true, createdAt: true },
  });
  if (!group || group.status === "suspended") return null;
  return {
    kind: "group",
    id: group.id,
    slug: group.slug,
    name: group.name,
    summary: group.concern,
    language: group.language,
    createdAt: group.createdAt,
    open: group.status === "active",
    topicIds: group.status === "active" ? await activeMemberTopicIds(group.id) : [],
  };
}

/** How many follow it (every channel: the page, email, feeds by token and the fediverse). */
export function countFollowers(actor: Pick<FediverseActor, "kind" | "id">): Promise<number> {
  return db.subscription.count({ where: { status: "active", ...(actor.kind === "cause" ? { topicId: actor.id } : { groupId: actor.id }) } });
}

/** Visible updates of live causes among `topicIds`, newest first, one outbox page after `cursor` (an update id). */
/**
 * One outbox page: visible updates of live causes among `topicIds`, newest first, after `cursor`
 * (an update id; an unknown one ends the collection), each with its cause — two queries a page.
 */
export async function outboxPage(topicIds: string[], take: number, cursor: string | null) {
  const after = cursor ? await cursorAfter(cursor) : null;
  if (cursor && !after) return [];
  const live = await db.topic.findMany({
    where: { id: { in: topicIds }, status: { in: [...LIVE_STATUSES] } },
    select: { id: true, slug: true, title: true, summary: true, language: true },
  });
  const causes = new Map(live.map(({ id, ...topic }) => [id, topic]));
  const updates = await newestUpdates([...causes.keys()], take, after);
  return updates.map((update) => ({ ...update, topic: causes.get(update.topicId)! }));
}

export function countOutbox(topicIds: string[]) {
  return db.update.count({ where: { topicId: { in: topicIds }, hiddenAt: null, topic: { status: { in: [...LIVE_STATUSES] } } } });
}

/** One update as the fediverse may fetch it: visible, of a live cause (of this one, if named). */
export function findPublicUpdate(id: string, slug?: string) {
  return db.update.findFirst({
    where: { id, hiddenAt: null, topic: { status: { in: [...LIVE_STATUSES] }, ...(slug ? { slug } : {}) } },
    include: { topic: { select: { slug: true, title: true, summary: true, language: true } } },
  });
}

/** Causes and updates for NodeInfo's usage figures. */
export async function instanceUsage() {
  const [causes, updates] = await Promise.all([
    db.topic.count({ where: { status: { in: [...LIVE_STATUSES] } } }),
    db.update.count({ where: { hiddenAt: null, topic: { status: { in: [...LIVE_STATUSES] } } } }),
  ]);
  return { causes, updates };
}

/**
 * The cause or group an identifier names, whatever its status: leaving must work even while it is
 * suspended or archived (an Undo is never refused).
 */
export async function findActorRecord(identifier: string): Promise<Pick<FediverseActor, "kind" | "id"> | null> {
  const ref = parseActorIdentifier(identifier);
  if (!ref) return null;
  const row =
    ref.kind === "cause"
      ? await db.topic.findUnique({ where: { slug: ref.slug }, select: { id: true } })
      : await db.partnerGroup.findUnique({ where: { slug: ref.slug }, select: { id: true } });
  return row ? { kind: ref.kind, id: row.id } : null;
}
