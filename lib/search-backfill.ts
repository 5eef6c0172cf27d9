import "server-only";
import { db } from "@/lib/db";
import { groupSearchText } from "@/lib/group/rules";
import { causeSearchText } from "@/lib/topic/rules";

/**
 * Fills the folded search column of causes and groups written before it existed (a migration
 * cannot fold accents in SQL). Runs when a server starts; cheap and idempotent once done.
 */
export async function fillSearchText(batch = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const topics = await db.topic.findMany({ where: { searchText: "", status: { not: "removed" } }, select: { id: true, title: true, summary: true }, take: batch });
    for (const t of topics) await db.topic.update({ where: { id: t.id }, data: { searchText: causeSearchText(t) || " " } });
    const groups = await db.partnerGroup.findMany({ where: { searchText: "" }, select: { id: true, name: true, concern: true }, take: batch });
    for (const g of groups) await db.partnerGroup.update({ where: { id: g.id }, data: { searchText: groupSearchText(g) || " " } });
    filled += topics.length + groups.length;
    if (topics.length < batch && groups.length < batch) return filled;
  }
}
