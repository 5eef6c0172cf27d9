import "server-only";
import { db } from "@/lib/db";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import { SITEMAP_MAX_URLS } from "./rules";

export type SitemapEntry = { path: string; lastModified: Date };

/**
 * Everything public a search engine may list: published and archived causes, their visible
 * updates (newest first, as many as fit), and partner groups that are not suspended.
 */
export async function listSitemapEntries(): Promise<SitemapEntry[]> {
  const [causes, groups] = await Promise.all([
    db.topic.findMany({
      where: { status: { in: [...LIVE_STATUSES] } },
      orderBy: { publishedAt: "desc" },
      take: SITEMAP_MAX_URLS,
      select: { slug: true, updatedAt: true },
    }),
    db.partnerGroup.findMany({
      where: { status: { in: ["active", "archived"] } },
      orderBy: { createdAt: "desc" },
      take: SITEMAP_MAX_URLS,
      select: { slug: true, updatedAt: true },
    }),
  ]);
  const room = Math.max(0, SITEMAP_MAX_URLS - 2 - causes.length - groups.length);
  const updates = room
    ? await db.update.findMany({
        where: { hiddenAt: null, topic: { status: { in: [...LIVE_STATUSES] } } },
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: room,
        select: { id: true, publishedAt: true, correctedAt: true, topic: { select: { slug: true } } },
      })
    : [];
  return [
    ...causes.map((c) => ({ path: `/c/${c.slug}`, lastModified: c.updatedAt })),
    ...updates.map((u) => ({ path: `/c/${u.topic.slug}/u/${u.id}`, lastModified: u.correctedAt ?? u.publishedAt })),
    ...groups.map((g) => ({ path: `/g/${g.slug}`, lastModified: g.updatedAt })),
  ];
}
