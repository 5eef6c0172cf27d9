import "server-only";
import { db } from "@/lib/db";

// Previews are fetched by crawlers and other sites, never as a signed-in owner: drafts stay
// invisible here, archived causes stay readable like their pages; suspended and removed ones and
// hidden updates have no preview (404).
const publicStatus = { in: ["published" as const, "archived" as const] };

// Slugs and cuid ids: anything else cannot exist, so it is not worth a database round trip.
const plausibleSlug = (slug: string) => /^[a-z0-9-]{1,80}$/.test(slug);
const plausibleId = (id: string) => /^[a-z0-9]{1,40}$/i.test(id);

/** A public cause with what its previews show, or null. */
export async function getPreviewCause(slug: string) {
  if (!plausibleSlug(slug)) return null;
  const topic = await db.topic.findFirst({
    where: { slug, status: publicStatus },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      language: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      tags: { select: { slug: true }, orderBy: { slug: "asc" } },
      _count: { select: { subscriptions: { where: { status: "active" } } } },
    },
  });
  if (!topic) return null;
  const { _count, ...cause } = topic;
  return { ...cause, followerCount: _count.subscriptions };
}

export type PreviewCause = NonNullable<Awaited<ReturnType<typeof getPreviewCause>>>;

/** One update of a public cause, with the cause, or null. */
export async function getPreviewUpdate(slug: string, updateId: string) {
  if (!plausibleSlug(slug) || !plausibleId(updateId)) return null;
  const cause = await getPreviewCause(slug);
  if (!cause) return null;
  const update = await db.update.findFirst({
    where: { id: updateId, topicId: cause.id, hiddenAt: null },
    select: { id: true, kind: true, title: true, body: true, publishedAt: true, correctedAt: true, startsAt: true, place: true },
  });
  return update ? { cause, update } : null;
}

/** The page an oEmbed URL names: a cause, or one of its updates. */
export async function getPreviewPage(slug: string, updateId?: string) {
  if (updateId) return getPreviewUpdate(slug, updateId);
  const cause = await getPreviewCause(slug);
  return cause ? { cause, update: null } : null;
}
