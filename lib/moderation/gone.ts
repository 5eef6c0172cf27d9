import "server-only";
import { db } from "@/lib/db";

/** Why a public page has ended: what proxy.ts answers with 410 Gone and app/(public)/gone shows. */
export type GoneReason = "causeSuspended" | "causeRemoved" | "groupSuspended" | "updateHidden";
export type Gone = { kind: "cause" | "group" | "update"; key: string; reason: GoneReason };

const CAUSE_PATH = /^\/c\/([^/]+)(?:\/u\/([^/]+))?\/?$/;
const GROUP_PATH = /^\/g\/([^/]+)\/?$/;

function segment(value: string): string | null {
  try {
    const decoded = decodeURIComponent(value);
    return decoded.length <= 200 ? decoded : null;
  } catch {
    return null;
  }
}

/**
 * For a page path, whether it shows something an operator suspended or hid, or a publisher removed
 * with their account. One indexed read for cause and group pages, two for an update page; null
 * for every other path (and for things that never existed: those stay a plain 404).
 */
export async function findGone(pathname: string): Promise<Gone | null> {
  const cause = CAUSE_PATH.exec(pathname);
  if (cause) {
    const slug = segment(cause[1]);
    if (!slug) return null;
    const topic = await db.topic.findUnique({ where: { slug }, select: { id: true, status: true } });
    if (!topic) return null;
    if (topic.status === "suspended") return { kind: "cause", key: slug, reason: "causeSuspended" };
    if (topic.status === "removed") return { kind: "cause", key: slug, reason: "causeRemoved" };
    const updateId = cause[2] ? segment(cause[2]) : null;
    if (updateId) {
      const update = await db.update.findFirst({ where: { id: updateId, topicId: topic.id }, select: { hiddenAt: true, deletedAt: true } });
      // Deleted by its publisher: simply not there any more (404), not "hidden by the operators".
      if (update?.hiddenAt && !update.deletedAt) return { kind: "update", key: updateId, reason: "updateHidden" };
    }
    return null;
  }
  const group = GROUP_PATH.exec(pathname);
  if (group) {
    const slug = segment(group[1]);
    if (!slug) return null;
    const row = await db.partnerGroup.findUnique({ where: { slug }, select: { status: true } });
    return row?.status === "suspended" ? { kind: "group", key: slug, reason: "groupSuspended" } : null;
  }
  return null;
}
