/**
 * Hostile-review probes of the fediverse worker's announcing (lib/fediverse/announce.ts
 * announceUpdates): what it queues (FediverseTask rows, read back as activity and inbox), for whom,
 * how often. Nothing is delivered here (no pass delivers); every remote inbox is on a literal public
 * address, as the worker sends only to those (FEDIVERSE_ALLOW_PRIVATE_ADDRESS is off).
 * Each `it` states what must hold; `it.fails` marks a defect found by the review.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { announceUpdates } from "@/lib/fediverse/announce";
import { createPublishedCause, createUser, stamp } from "../support/factories";

type Sent = { type: string; id: string; inbox: string; activity: string };

/** Every activity queued so far, once per inbox it is to reach (fan-out tasks unfolded). */
async function queued(): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (const task of await db.fediverseTask.findMany({ orderBy: { createdAt: "asc" } })) {
    const message = JSON.parse(task.message) as { type: string; activity: { type: string; id: string }; inbox?: string; inboxes?: Record<string, unknown> };
    const inboxes = message.inbox ? [message.inbox] : Object.keys(message.inboxes ?? {});
    for (const inbox of inboxes) sent.push({ type: message.activity.type, id: message.activity.id, inbox, activity: JSON.stringify(message.activity) });
  }
  return sent;
}
// Activity ids: <Article>#create, #update-…, #delete (the Article is /ap/c/<slug>/u/<id>), <group>#announce-<id>.
const about = (sent: Sent[], updateId: string) => sent.filter((s) => s.id.includes(`/u/${updateId}#`) || s.id.includes(`#announce-${updateId}`));
const summary = (sent: Sent[]) => sent.map((s) => `${s.type} ${s.inbox}`).sort();

const ago = (ms: number) => new Date(Date.now() - ms);
const MIN = 60_000;

async function cause() {
  const owner = await createUser("attack-fedi-worker");
  return createPublishedCause(owner.id);
}

// Remote servers on literal public addresses (no DNS, never contacted: nothing is delivered here).
let nextHost = 1 + Math.floor(Math.random() * 200);
const publicOrigin = () => `https://93.184.${nextHost++ % 250}.${1 + Math.floor(Math.random() * 250)}`;

/** A fediverse follower (no shared inbox: one inbox per follower keeps the bookkeeping plain). */
async function follower(target: { topicId?: string; groupId?: string }, since: Date, name = `f-${stamp()}`) {
  const actor = `${publicOrigin()}/users/${name}-${stamp()}`;
  await db.subscription.create({ data: { ...target, channel: "fediverse", remoteActor: actor, remoteInbox: `${actor}/inbox`, since } });
  return `${actor}/inbox`;
}

const publish = (topicId: string, publishedAt: Date, title = `U ${stamp()}`) => db.update.create({ data: { topicId, kind: "news", title, body: "Body", publishedAt } });

// Every test reads the queue from empty (its followers' inboxes and its updates are its own).
beforeEach(async () => {
  await db.fediverseTask.deleteMany({});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("attack: the fediverse worker (announceUpdates)", () => {
  it("never sends an update published before a follower followed", async () => {
    const topic = await cause();
    const before = await publish(topic.id, ago(60 * MIN));
    const early = await follower({ topicId: topic.id }, ago(50 * MIN), "early");
    const first = await publish(topic.id, ago(40 * MIN));
    const middle = await follower({ topicId: topic.id }, ago(30 * MIN), "middle");
    const second = await publish(topic.id, ago(20 * MIN));
    const late = await follower({ topicId: topic.id }, ago(1 * MIN), "late");
    await announceUpdates();
    const sent = await queued();
    expect(about(sent, before.id)).toEqual([]);
    expect(summary(about(sent, first.id))).toEqual([`Create ${early}`]);
    expect(summary(about(sent, second.id))).toEqual([`Create ${early}`, `Create ${middle}`].sort());
    expect(sent.some((s) => s.inbox === late)).toBe(false);
  });

  it("never sends a hidden or deleted update as Create, and nothing at all when it was hidden before anybody was told", async () => {
    const topic = await cause();
    await follower({ topicId: topic.id }, ago(60 * MIN));
    const hidden = await db.update.create({ data: { topicId: topic.id, kind: "news", title: "Hidden", body: "B", publishedAt: ago(10 * MIN), hiddenAt: ago(5 * MIN) } });
    const deleted = await db.update.create({ data: { topicId: topic.id, kind: "news", title: "Deleted", body: "B", publishedAt: ago(10 * MIN), hiddenAt: ago(5 * MIN), deletedAt: ago(5 * MIN) } });
    await announceUpdates();
    await announceUpdates();
    const sent = await queued();
    expect(about(sent, hidden.id)).toEqual([]);
    expect(about(sent, deleted.id)).toEqual([]);
  });

  it("an update hidden while the pass is running is not sent as Create (nor anything else), and its Delete is never owed", async () => {
    const topic = await cause();
    const inbox = await follower({ topicId: topic.id }, ago(60 * MIN));
    const update = await publish(topic.id, ago(10 * MIN));
    const original = db.update.updateMany.bind(db.update);
    let hiddenOnce = false;
    vi.spyOn(db.update, "updateMany").mockImplementation((async (args: Parameters<typeof original>[0]) => {
      if (!hiddenOnce && args.where?.id === update.id) {
        hiddenOnce = true;
        // An operator hides it at this very moment (after the worker read it).
        await db.update.update({ where: { id: update.id }, data: { hiddenAt: new Date(), hiddenReason: "spam" } });
      }
      return original(args);
    }) as never);
    await announceUpdates();
    expect(hiddenOnce).toBe(true);
    vi.restoreAllMocks();
    await announceUpdates();
    expect(about(await queued(), update.id).filter((s) => s.inbox === inbox)).toEqual([]);
    expect(await db.update.findUniqueOrThrow({ where: { id: update.id } })).toMatchObject({ apVersion: null, apDeletedAt: null });
  });

  it("an update corrected while the pass is running is sent once, with its corrected text", async () => {
    const topic = await cause();
    const inbox = await follower({ topicId: topic.id }, ago(60 * MIN));
    const update = await publish(topic.id, ago(10 * MIN), "Original title");
    const original = db.update.updateMany.bind(db.update);
    let correctedOnce = false;
    vi.spyOn(db.update, "updateMany").mockImplementation((async (args: Parameters<typeof original>[0]) => {
      if (!correctedOnce && args.where?.id === update.id) {
        correctedOnce = true;
        await db.update.update({ where: { id: update.id }, data: { correctedAt: new Date(), correctionNote: "typo", body: "Corrected-body-text" } });
      }
      return original(args);
    }) as never);
    await announceUpdates();
    expect(correctedOnce).toBe(true);
    vi.restoreAllMocks();
    await announceUpdates();
    await announceUpdates();
    const sent = about(await queued(), update.id);
    expect(summary(sent)).toEqual([`Create ${inbox}`]);
    expect(sent[0].activity).toContain("Corrected-body-text");
    // The Article lives under its cause.
    expect(sent[0].id).toBe(`${env.APP_URL}/ap/c/${topic.slug}/u/${update.id}#create`);
  });

  it("sends a correction once as Update and a hiding once as Delete, then never anything about it again", async () => {
    const topic = await cause();
    const told = await follower({ topicId: topic.id }, ago(60 * MIN), "told");
    const update = await publish(topic.id, ago(30 * MIN));
    await announceUpdates();
    // A follower who came after the update was published hears nothing of its correction or deletion.
    const newcomer = await follower({ topicId: topic.id }, ago(1000), "newcomer");
    await db.update.update({ where: { id: update.id }, data: { correctedAt: new Date(), correctionNote: "typo", body: "Fixed" } });
    await announceUpdates();
    await announceUpdates();
    await db.update.update({ where: { id: update.id }, data: { hiddenAt: new Date(), hiddenReason: "spam" } });
    await announceUpdates();
    await announceUpdates();
    // Shown again, corrected again, hidden again: a Delete is final.
    await db.update.update({ where: { id: update.id }, data: { hiddenAt: null, hiddenReason: null } });
    await announceUpdates();
    await db.update.update({ where: { id: update.id }, data: { correctedAt: new Date(Date.now() + 1000), body: "Again" } });
    await announceUpdates();
    await db.update.update({ where: { id: update.id }, data: { hiddenAt: new Date() } });
    await announceUpdates();
    const sent = about(await queued(), update.id);
    expect(summary(sent)).toEqual([`Create ${told}`, `Delete ${told}`, `Update ${told}`].sort());
    expect(sent.some((s) => s.inbox === newcomer)).toBe(false);
  });

  it("two passes running at once queue every activity exactly once", async () => {
    const topic = await cause();
    const other = await cause();
    const inboxes = await Promise.all(Array.from({ length: 5 }, (_, i) => follower({ topicId: i % 2 ? topic.id : other.id }, ago(60 * MIN))));
    const updates = await Promise.all(Array.from({ length: 12 }, (_, i) => publish(i % 2 ? topic.id : other.id, ago((30 - i) * MIN))));
    await Promise.all([announceUpdates(), announceUpdates(), announceUpdates()]);
    // Then hide some while two more passes race for the Deletes.
    for (const u of updates.slice(0, 4)) await db.update.update({ where: { id: u.id }, data: { hiddenAt: new Date() } });
    await Promise.all([announceUpdates(), announceUpdates()]);
    const sent = await queued();
    const keys = sent.map((s) => `${s.type} ${s.id} ${s.inbox}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    for (const u of updates) {
      const creates = about(sent, u.id).filter((s) => s.type === "Create");
      const expected = inboxes.filter((_, i) => (i % 2 ? topic.id : other.id) === u.topicId).length;
      expect(creates, u.title).toHaveLength(expected);
    }
    for (const u of updates.slice(0, 4)) expect(about(sent, u.id).filter((s) => s.type === "Delete").length, u.title).toBeGreaterThan(0);
  });

  it("a partner group's followers get an Announce of its members' new updates — not of older ones, not of non-members", async () => {
    const member = await cause();
    const outsider = await cause();
    const slug = `grp-${stamp()}`;
    const group = await db.partnerGroup.create({ data: { slug, name: slug, concern: "C" } });
    await db.groupMembership.create({ data: { groupId: group.id, topicId: member.id } });
    const old = await publish(member.id, ago(60 * MIN));
    const fan = await follower({ groupId: group.id }, ago(50 * MIN), "fan");
    const fresh = await publish(member.id, ago(10 * MIN));
    const foreign = await publish(outsider.id, ago(10 * MIN));
    await follower({ topicId: outsider.id }, ago(55 * MIN), "outsider-fan");
    await announceUpdates();
    const sent = await queued();
    expect(about(sent, old.id)).toEqual([]);
    expect(summary(about(sent, fresh.id))).toEqual([`Announce ${fan}`]);
    expect(about(sent, foreign.id).some((s) => s.inbox === fan)).toBe(false);
    // Hidden later: the group's followers learn of it, from the cause.
    await db.update.update({ where: { id: fresh.id }, data: { hiddenAt: new Date() } });
    await announceUpdates();
    expect(summary(about(await queued(), fresh.id))).toEqual([`Announce ${fan}`, `Delete ${fan}`].sort());
  });

  it("sends nothing of draft or suspended causes, nothing to followers who left, nothing published in the future", async () => {
    const suspended = await cause();
    const draft = await cause();
    const live = await cause();
    for (const t of [suspended, draft, live]) await follower({ topicId: t.id }, ago(60 * MIN));
    const leftInbox = await follower({ topicId: live.id }, ago(60 * MIN), "leaver");
    await db.subscription.updateMany({ where: { remoteInbox: leftInbox }, data: { status: "left", leftAt: new Date() } });
    const u1 = await publish(suspended.id, ago(10 * MIN));
    const u2 = await publish(draft.id, ago(10 * MIN));
    const future = await publish(live.id, new Date(Date.now() + 60 * MIN));
    const now = await publish(live.id, ago(1 * MIN));
    await db.topic.update({ where: { id: suspended.id }, data: { status: "suspended", suspendedFrom: "published" } });
    await db.topic.update({ where: { id: draft.id }, data: { status: "draft" } });
    await announceUpdates();
    const sent = await queued();
    expect(about(sent, u1.id)).toEqual([]);
    expect(about(sent, u2.id)).toEqual([]);
    expect(about(sent, future.id)).toEqual([]);
    expect(about(sent, now.id).length).toBe(1);
    expect(sent.some((s) => s.inbox === leftInbox)).toBe(false);
  });

  it("a group's followers who were sent an Announce get the Update and the Delete, even after the cause left the group", async () => {
    const member = await cause();
    const slug = `grp-${stamp()}`;
    const group = await db.partnerGroup.create({ data: { slug, name: slug, concern: "C" } });
    const membership = await db.groupMembership.create({ data: { groupId: group.id, topicId: member.id } });
    const fan = await follower({ groupId: group.id }, ago(50 * MIN), "group-fan");
    // (A direct follower of the cause keeps it among the worker's causes; see the next test.)
    const direct = await follower({ topicId: member.id }, ago(50 * MIN), "direct");
    const update = await publish(member.id, ago(10 * MIN));
    await announceUpdates();
    expect(summary(about(await queued(), update.id))).toEqual([`Announce ${fan}`, `Create ${direct}`].sort());
    await db.groupMembership.update({ where: { id: membership.id }, data: { status: "left", endedAt: new Date() } });
    await db.update.update({ where: { id: update.id }, data: { correctedAt: new Date(), correctionNote: "typo", body: "Fixed" } });
    await announceUpdates();
    await db.update.update({ where: { id: update.id }, data: { hiddenAt: new Date(), hiddenReason: "spam" } });
    await announceUpdates();
    expect(summary(about(await queued(), update.id))).toEqual([`Announce ${fan}`, `Create ${direct}`, `Delete ${direct}`, `Delete ${fan}`, `Update ${direct}`, `Update ${fan}`].sort());
  });

  // Found in review, fixed (ever-members of followed groups are considered; was lib/fediverse/announce.ts:49-50): the fix sends Update/Delete to the followers of every
  // group the cause was ever a member of (everMemberOf) — but only for candidate updates, and the
  // candidates are the updates of causes with direct followers or of *current* members of followed
  // groups. A cause whose only fediverse audience was a partner group's followers drops out of the
  // candidates when it leaves the group: its updates announced there are never deleted or
  // corrected (apDeletedAt stays unset). Fix: also take the topics of every (past) membership of a
  // followed group into topicIds (restricted to the Update/Delete branches of the query).
  it("a group's followers get the Delete after the cause left the group, also when nobody follows the cause itself", async () => {
    const member = await cause();
    const slug = `grp-${stamp()}`;
    const group = await db.partnerGroup.create({ data: { slug, name: slug, concern: "C" } });
    const membership = await db.groupMembership.create({ data: { groupId: group.id, topicId: member.id } });
    const fan = await follower({ groupId: group.id }, ago(50 * MIN), "group-fan");
    const update = await publish(member.id, ago(10 * MIN));
    await announceUpdates();
    expect(summary(about(await queued(), update.id))).toEqual([`Announce ${fan}`]);
    await db.groupMembership.update({ where: { id: membership.id }, data: { status: "left", endedAt: new Date() } });
    await db.update.update({ where: { id: update.id }, data: { hiddenAt: new Date(), hiddenReason: "spam" } });
    await announceUpdates();
    expect(summary(about(await queued(), update.id))).toEqual([`Announce ${fan}`, `Delete ${fan}`].sort());
  });
});
