import "server-only";
import { db } from "@/lib/db";
import { createShortCache } from "@/lib/feed/cache";
import { LIVE_STATUSES } from "@/lib/topic/rules";
import { SITEMAP_MAX_URLS } from "./rules";

export type SitemapEntry = { path: string; lastModified: Date };

/** Addresses the sitemap adds itself (the landing page, explore, the group index). */
export const SITEMAP_FIXED_URLS = 3;
// Kept five minutes per process, or until this process writes anything (lib/feed/cache.ts).
const remembered = createShortCache<SitemapEntry[]>({ ttlMs: 5 * 60_000, max: 1 });

/**
 * Everything public a search engine may list: published and archived causes, partner groups that
 * are not suspended, and then visible updates (newest first) as far as the 50 000 addresses allow.
 * A crawler's repeated visits cost the database nothing in between.
 */
export function listSitemapEntries(): Promise<SitemapEntry[]> {
  return remembered("sitemap", loadSitemapEntries);
}

async function loadSitemapEntries(): Promise<SitemapEntry[]> {
  const room = SITEMAP_MAX_URLS - SITEMAP_FIXED_URLS;
  const causes = await db.topic.findMany({
    where: { status: { in: [...LIVE_STATUSES] } },
    orderBy: { publishedAt: "desc" },
    take: room,
    select: { slug: true, updatedAt: true },
  });
  const groups = await db.partnerGroup.findMany({
    where: { status: { in: ["active", "archived"] } },
    orderBy: { createdAt: "desc" },
    take: room - causes.length,
    select: { slug: true, updatedAt: true },
  });
  const left = room - causes.length - groups.length;
  const updates = left
    ? await db.update.findMany({
        where: { hiddenAt: null, topic: { status: { in: [...LIVE_STATUSES] } } },
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: left,
        select: { id: true, publishedAt: true, correctedAt: true, topic: { select: { slug: true } } },
      })
    : [];
  return [
    ...causes.map((c) => ({ path: `/c/${c.slug}`, lastModified: c.updatedAt })),
    ...updates.map((u) => ({ path: `/c/${u.topic.slug}/u/${u.id}`, lastModified: u.correctedAt ?? u.publishedAt })),
    ...groups.map((g) => ({ path: `/g/${g.slug}`, lastModified: g.updatedAt })),
  ];
}
