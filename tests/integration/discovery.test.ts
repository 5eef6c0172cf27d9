/**
 * Being found: the sitemap lists what is public and nothing else; partner groups are listed and
 * named on their members' pages; "similar causes" share tags, same language first.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listSitemapEntries } from "@/lib/discovery/queries";
import { createGroup, inviteCause, respondToInvitation } from "@/lib/group/mutations";
import { listGroupsOfCause, listPublicGroups } from "@/lib/group/queries";
import { createGroupSchema, inviteCauseSchema } from "@/lib/group/schema";
import { listSimilarCauses } from "@/lib/topic/queries";
import { createPublishedCause, createUser, stamp } from "../support/factories";

async function tagged(ownerId: string, tags: string[], language: "de" | "en" = "de") {
  const cause = await createPublishedCause(ownerId, { title: `Tagged ${stamp()}`, language });
  const rows = tags.map((key) => ({ where: { slug: key }, create: { slug: key, label: key } }));
  await db.topic.update({ where: { id: cause.id }, data: { tags: { connectOrCreate: rows } } });
  return db.topic.findUniqueOrThrow({ where: { id: cause.id }, include: { tags: true } });
}

describe("the sitemap", () => {
  it("lists published and archived causes, their visible updates and groups; never drafts, hidden updates or suspended groups", async () => {
    const owner = await createUser("sitemap");
    const live = await createPublishedCause(owner.id);
    const [shown, hidden] = await Promise.all([
      db.update.create({ data: { topicId: live.id, title: "Shown", body: "", publishedAt: new Date() } }),
      db.update.create({ data: { topicId: live.id, title: "Hidden", body: "", publishedAt: new Date(), hiddenAt: new Date() } }),
    ]);
    const draft = await db.topic.create({ data: { slug: `draft-${stamp()}`, title: "Draft", ownerId: owner.id } });
    const archived = await createPublishedCause(owner.id);
    await db.topic.update({ where: { id: archived.id }, data: { status: "archived" } });
    const suspendedCause = await createPublishedCause(owner.id);
    await db.topic.update({ where: { id: suspendedCause.id }, data: { status: "suspended" } });
    const group = await createGroup(owner, createGroupSchema.parse({ topicId: live.id, name: `Sitemap ${stamp()}`, concern: "Being found", language: "de" }));
    const founderOfGone = await createPublishedCause(owner.id);
    const suspendedGroup = await createGroup(owner, createGroupSchema.parse({ topicId: founderOfGone.id, name: `Gone ${stamp()}`, concern: "Not found", language: "de" }));
    await db.partnerGroup.update({ where: { id: suspendedGroup.id }, data: { status: "suspended" } });

    const paths = new Set((await listSitemapEntries()).map((entry) => entry.path));
    expect(paths).toContain(`/c/${live.slug}`);
    expect(paths).toContain(`/c/${live.slug}/u/${shown.id}`);
    expect(paths).toContain(`/c/${archived.slug}`);
    expect(paths).toContain(`/g/${group.slug}`);
    for (const never of [`/c/${draft.slug}`, `/c/${live.slug}/u/${hidden.id}`, `/c/${suspendedCause.slug}`, `/g/${suspendedGroup.slug}`]) {
      expect(paths.has(never), never).toBe(false);
    }
  });
});

describe("partner groups are found", () => {
  it("on the group index (searchable, folded), and by name on each current member's page", async () => {
    const admin = await createUser("admin");
    const other = await createUser("other");
    const founder = await createPublishedCause(admin.id);
    const member = await createPublishedCause(other.id);
    const word = `Schulhöfe${stamp()}`;
    const group = await createGroup(admin, createGroupSchema.parse({ topicId: founder.id, name: `Grüne ${word}`, concern: "Schatten für alle", language: "de" }));
    const invitation = await inviteCause(admin, inviteCauseSchema.parse({ groupId: group.id, topicId: member.id, note: "Magst du mitmachen?" }));
    // Before accepting, the invited cause is no member and its page names no group.
    expect(await listGroupsOfCause(member.id)).toEqual([]);
    await respondToInvitation(other, { invitationId: invitation.id, response: "accept" });

    const found = await listPublicGroups({ q: word.toLowerCase().replace("ö", "o") });
    expect(found.map((g) => g.slug)).toEqual([group.slug]);
    expect(found[0].members.map((m) => m.slug)).toEqual([founder.slug, member.slug]);
    expect(found[0].followerCount).toBe(0);
    expect(await listGroupsOfCause(member.id)).toEqual([{ slug: group.slug, name: group.name, language: "de" }]);

    // A "%" searches for a percent sign, never for everything.
    expect(await listPublicGroups({ q: "%" })).toEqual([]);
    // A suspended group is found nowhere.
    await db.partnerGroup.update({ where: { id: group.id }, data: { status: "suspended" } });
    expect(await listPublicGroups({ q: word })).toEqual([]);
    expect(await listGroupsOfCause(member.id)).toEqual([]);
  });
});

describe("similar causes", () => {
  it("share a tag; the same language comes first, then more shared tags; never itself, drafts or unrelated causes", async () => {
    const owner = await createUser("similar");
    const a = `kiez${stamp()}`;
    const b = `baum${stamp()}`;
    const self = await tagged(owner.id, [a, b], "de");
    const english = await tagged(owner.id, [a, b], "en");
    const oneTag = await tagged(owner.id, [a], "de");
    const twoTags = await tagged(owner.id, [a, b], "de");
    const unrelated = await tagged(owner.id, [`other${stamp()}`], "de");
    const draft = await tagged(owner.id, [a], "de");
    await db.topic.update({ where: { id: draft.id }, data: { status: "draft" } });

    const similar = await listSimilarCauses(self, 3);
    expect(similar.map((c) => c.id)).toEqual([twoTags.id, oneTag.id, english.id]);
    expect(similar.map((c) => c.id)).not.toContain(unrelated.id);
    expect(await listSimilarCauses({ ...self, tags: [] })).toEqual([]);
  });
});
