import "server-only";
import type { CurrentUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { PublishUpdateInput } from "./schema";

/**
 * Publishes an update of the actor's own published cause. It writes exactly one row: nothing is
 * sent and nothing is copied per follower; readers pull it into their feed.
 */
export async function publishUpdate(actor: Pick<CurrentUser, "id">, input: PublishUpdateInput) {
  const topic = await db.topic.findFirst({ where: { id: input.topicId, ownerId: actor.id } });
  if (!topic) throw new DomainError("notFound");
  if (topic.status !== "published") throw new DomainError("causeNotPublished");
  return db.update.create({
    data: { topicId: topic.id, kind: input.kind, title: input.title, body: input.body },
    include: { topic: { select: { slug: true } } },
  });
}
