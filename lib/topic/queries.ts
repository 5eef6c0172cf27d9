import "server-only";
import { cache } from "react";
import { db, searchContains } from "@/lib/db";
import type { ExploreFilter } from "./schema";
import { canView, isGone, rankSimilarCauses } from "./rules";

const activeFollowers = { _count: { select: { subscriptions: { where: { status: "active" as const } } } } };

/**
 * A cause as its public page shows it, or null when it does not exist or the viewer may not see it.
 * Asked once per request: the page and its metadata share the answer (React cache).
 */
export const getCauseBySlug = cache(async function getCauseBySlug(slug: string, viewerId?: string) {
  const topic = await db.topic.findUnique({
    where: { slug },
    include: {
      tags: { orderBy: { slug: "asc" } },
      ...activeFollowers,
    },
  });
  // Suspended and removed causes are answered by proxy.ts with 410; here they simply do not exist.
  if (!topic || isGone(topic.status) || !canView(topic, viewerId)) return null;
  const subscription = viewerId
    ? await db.subscription.findUnique({ where: { userId_topicId: { userId: viewerId, topicId: topic.id } } })
    : null;
  return {
    ...topic,
    followerCount: topic._count.subscriptions,
    isOwner: topic.ownerId === viewerId,
    following: subscription?.status === "active",
    followingSince: subscription?.status === "active" ? subscription.since : null,
  };
});


/** Published causes for the explore page, newest first, filtered by text, tag and language. */
export async function listPublishedCauses(filter: ExploreFilter, take = 48) {
  const topics = await db.topic.findMany({
    where: {
      status: "published",
      ...(filter.lang ? { language: filter.lang } : {}),
      ...(filter.tag ? { tags: { some: { slug: filter.tag } } } : {}),
      ...(filter.q ? searchContains(filter.q) : {}),
    },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    include: {
      tags: { orderBy: { slug: "asc" } },
      updates: { orderBy: { publishedAt: "desc" }, take: 1, select: { publishedAt: true } },
      ...activeFollowers,
    },
  });
  return topics.map((topic) => ({
    ...topic,
    followerCount: topic._count.subscriptions,
    lastUpdateAt: topic.updates[0]?.publishedAt ?? null,
  }));
}

/** Tags used by published causes, most used first, for the explore filter. */
export async function listPopularTags(take = 16) {
  const tags = await db.tag.findMany({
    where: { topics: { some: { status: "published" } } },
    select: { slug: true, label: true, _count: { select: { topics: { where: { status: "published" } } } } },
  });
  return tags
    .map((tag) => ({ slug: tag.slug, label: tag.label, count: tag._count.topics }))
    .sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug))
    .slice(0, take);
}

/** The publisher's own causes with honest counts. */
export async function listMyCauses(ownerId: string) {
  const topics = await db.topic.findMany({
    where: { ownerId },
    orderBy: [{ updatedAt: "desc" }],
    include: { _count: { select: { updates: true, subscriptions: { where: { status: "active" } } } } },
  });
  return topics.map((topic) => ({
    ...topic,
    followerCount: topic._count.subscriptions,
    updateCount: topic._count.updates,
  }));
}

/** A cause for its owner's edit page, or null for anybody else. */
export async function getCauseForOwner(topicId: string, ownerId: string) {
  const topic = await db.topic.findFirst({
    where: { id: topicId, ownerId },
    include: {
      tags: { orderBy: { slug: "asc" } },
      updates: { where: { deletedAt: null }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }], take: 20 },
      ...activeFollowers,
    },
  });
  return topic ? { ...topic, followerCount: topic._count.subscriptions } : null;
}

const SIMILAR_POOL = 30;

/**
 * Causes like this one for its page: published, sharing at least one tag; those in the same
 * language first, then those sharing more tags, then the most recently active.
 */
export async function listSimilarCauses(cause: { id: string; language: string; tags: { slug: string }[] }, take = 3) {
  if (cause.tags.length === 0) return [];
  const slugs = cause.tags.map((tag) => tag.slug);
  const candidates = await db.topic.findMany({
    where: { id: { not: cause.id }, status: "published", tags: { some: { slug: { in: slugs } } } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: SIMILAR_POOL,
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      language: true,
      publishedAt: true,
      tags: { select: { slug: true, label: true }, orderBy: { slug: "asc" } },
      updates: { where: { hiddenAt: null }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }], take: 1, select: { publishedAt: true } },
      ...activeFollowers,
    },
  });
  return rankSimilarCauses(cause, candidates, (c) => c.updates[0]?.publishedAt ?? c.publishedAt)
    .slice(0, take)
    .map(({ _count, updates, ...topic }) => ({ ...topic, followerCount: _count.subscriptions, lastUpdateAt: updates[0]?.publishedAt ?? null }));
}
