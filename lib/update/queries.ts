import "server-only";
import { db } from "@/lib/db";

/** Updates of one cause, newest first. */
export async function listCauseUpdates(topicId: string, take = 50) {
  return db.update.findMany({
    where: { topicId },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
  });
}

/** One update by id, only when it belongs to the cause with that slug. */
export async function getUpdateInCause(slug: string, updateId: string) {
  return db.update.findFirst({ where: { id: updateId, topic: { slug } } });
}
