import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { withRate } from "@/lib/rate-limit/limiter";
import { canChangeStatus, causeSearchText, LIVE_STATUSES, pickFreeSlug, slugCandidates, slugFromTitle, type TagInput } from "./rules";
import type { ChangeTopicStatusInput, CreateTopicInput, UpdateTopicInput } from "./schema";

/** Links tags by their key (causes and groups), creating a missing one with its label as typed. */
export const tagLinks = (tags: TagInput[]) =>
  tags.map(({ key, label }) => ({ where: { slug: key }, create: { slug: key, label } }));

/**
 * A tag follows its publisher's spelling ("bäume" → "Bäume") when no other public cause and no
 * group shows it, or when it still has the bare key it had before labels existed. A shared tag keeps
 * the spelling it was first typed in, so one publisher cannot restyle another's tag, and a draft
 * nobody sees cannot decide how a public tag looks.
 */
async function relabelTags(tx: Tx, topicId: string, tags: TagInput[]) {
  // One after another: a transaction's connection runs one statement at a time.
  for (const { key, label } of tags) {
    await tx.tag.updateMany({
      where: {
        slug: key,
        label: { not: label },
        OR: [
          { label: key },
          { topics: { every: { OR: [{ id: topicId }, { status: { notIn: [...LIVE_STATUSES] } }] } }, groups: { none: {} } },
        ],
      },
      data: { label },
    });
  }
}

/** What the cause form sets, the same on creating and editing. */
const causeFields = (input: CreateTopicInput | UpdateTopicInput) => ({
  title: input.title,
  summary: input.summary,
  searchText: causeSearchText(input),
  body: input.body,
  language: input.language,
  pushBudget: input.pushBudget,
});

async function firstFreeSlug(title: string): Promise<string> {
  const candidates = slugCandidates(slugFromTitle(title));
  const taken = new Set(
    (await db.topic.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((t) => t.slug),
  );
  return pickFreeSlug(candidates, taken);
}

/** Creates a draft cause owned by the acting user. */
export async function createCause(actor: Pick<CurrentUser, "id">, input: CreateTopicInput, client?: string | null) {
  return withRate("createCause", { account: actor.id, client }, () => createDraft(actor, input));
}

async function createDraft(actor: Pick<CurrentUser, "id">, input: CreateTopicInput) {
  const slug = input.slug || (await firstFreeSlug(input.title));
  try {
    return await db.$transaction(async (tx) => {
      const topic = await tx.topic.create({
        data: { slug, ...causeFields(input), ownerId: actor.id, tags: { connectOrCreate: tagLinks(input.tags) } },
      });
      await relabelTags(tx, topic.id, input.tags);
      return topic;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("slugTaken", "slug");
    throw error;
  }
}

async function ownedCause(actor: Pick<CurrentUser, "id">, topicId: string) {
  const topic = await db.topic.findFirst({ where: { id: topicId, ownerId: actor.id } });
  // Somebody else's cause looks exactly like a missing one.
  if (!topic) throw new DomainError("notFound");
  return topic;
}

/** Edits a cause; only its owner can. */
export async function updateCause(actor: Pick<CurrentUser, "id">, input: UpdateTopicInput) {
  const topic = await ownedCause(actor, input.topicId);
  // Once public, the address is in feeds, shared threads, QR posters and embeds: it stays.
  if (topic.publishedAt && input.slug !== topic.slug) throw new DomainError("slugFrozen", "slug");
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.topic.update({
        where: { id: input.topicId },
        data: { slug: input.slug, ...causeFields(input), tags: { set: [], connectOrCreate: tagLinks(input.tags) } },
      });
      await relabelTags(tx, input.topicId, input.tags);
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("slugTaken", "slug");
    throw error;
  }
}

/** Publishes, archives or re-publishes a cause; only its owner can. */
export async function changeCauseStatus(
  actor: Pick<CurrentUser, "id">,
  input: ChangeTopicStatusInput,
) {
  const topic = await ownedCause(actor, input.topicId);
  if (topic.status === input.status) return topic;
  if (!canChangeStatus(topic.status, input.status)) throw new DomainError("statusChangeNotAllowed");
  const now = new Date();
  // Conditional on the status we read: an operator's suspension at the same moment must not be
  // overwritten by the owner's archive or publish.
  const { count } = await db.topic.updateMany({
    where: { id: topic.id, status: topic.status },
    data:
      input.status === "published"
        ? { status: "published", publishedAt: topic.publishedAt ?? now, archivedAt: null }
        : { status: "archived", archivedAt: now },
  });
  if (count === 0) throw new DomainError("statusChangeNotAllowed");
  return db.topic.findUniqueOrThrow({ where: { id: topic.id } });
}
