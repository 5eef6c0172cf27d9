/**
 * Abuse handling on an open platform: anyone reports (the reported party never learns who),
 * operators decide with a reason into an append-only log; a suspended cause is gone from every
 * channel (410 feed, no preview, no mail, its followers told), a hidden update too; the publisher
 * sees why and appeals once; lifting restores what was there. A suspended account cannot sign in.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as causeFeed from "@/app/api/feeds/c/[slug]/[format]/route";
import * as oembed from "@/app/api/oembed/route";
import * as causeImage from "@/app/api/og/c/[slug]/route";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { planDeliveries } from "@/lib/delivery/plan";
import { runPass } from "@/lib/delivery/worker";
import { findGone } from "@/lib/moderation/gone";
import { appealSuspension, decide, fileReport } from "@/lib/moderation/mutations";
import { getModerationNotices, getModerationQueue, isOperator, listModerationLog } from "@/lib/moderation/queries";
import { appealSchema, fileReportSchema, moderationDecisionSchema } from "@/lib/moderation/schema";
import { getPreviewPage } from "@/lib/preview/queries";
import { followCause } from "@/lib/subscription/mutations";
import { getReaderFeed } from "@/lib/subscription/queries";
import { changeCauseStatus } from "@/lib/topic/mutations";
import { listCauseUpdates } from "@/lib/update/queries";
import { deliveryCause, followByEmail, publish, withMailSink } from "../support/delivery";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const { mailer, inbox } = withMailSink();
const APP = "http://localhost:3000";
const get = (path: string) => new NextRequest(`${APP}${path}`);
const feedStatus = async (slug: string) => (await causeFeed.GET(get(`/api/feeds/c/${slug}/rss`), { params: Promise.resolve({ slug, format: "rss" }) })).status;
const target = (kind: "cause" | "update" | "group", id: string) => ({ kind, id }) as const;

async function operatorUser() {
  // ADMIN_EMAILS is empty in the test environment; the decisions themselves do not check (actions do).
  return createUser("operator");
}

describe("reports", () => {
  it("anyone files one, signed out too; operators see it grouped by target, never who reported", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const update = await publish(cause.id, new Date());
    const reporter = await createUser("reporter");
    await fileReport({ target: target("cause", cause.id), reason: "spam", note: "Same text everywhere", client: "203.0.113.1" }, null);
    await fileReport({ target: target("cause", cause.id), reason: "misleading", note: "", client: "203.0.113.2" }, reporter);
    await fileReport({ target: target("update", update.id), reason: "harassment", note: "Insults", client: "203.0.113.3" }, null);
    const queue = await getModerationQueue();
    const forCause = queue.find((item) => item.key === `cause:${cause.id}`)!;
    expect(forCause).toMatchObject({ count: 2, reasons: { spam: 1, misleading: 1 }, notes: ["Same text everywhere"] });
    expect(forCause.cause).toMatchObject({ title: cause.title, slug: cause.slug });
    expect(JSON.stringify(queue)).not.toContain(reporter.id);
    expect(JSON.stringify(queue)).not.toContain(reporter.email!);
    expect(queue.find((item) => item.key === `update:${update.id}`)).toMatchObject({ count: 1, update: { title: update.title } });
    // The publisher's own view holds no report at all.
    expect(JSON.stringify(await getModerationNotices(owner.id))).not.toContain("Same text everywhere");
  });

  it("refuses unknown, draft and hidden targets, a reason outside the list, CR/LF-free notes only up to 1 000 characters", async () => {
    const owner = await createUser("owner");
    const draft = await db.topic.create({ data: { slug: `draft-${stamp()}`, title: "Draft", ownerId: owner.id } });
    const report = (id: string) => fileReport({ target: target("cause", id), reason: "spam", note: "", client: null }, null);
    await expect(report(draft.id)).rejects.toMatchObject({ key: "notFound" });
    await expect(report("cabcdefghijklmnop")).rejects.toMatchObject({ key: "notFound" });
    expect(fileReportSchema.safeParse({ target: "cause:abc", reason: "spam" }).success).toBe(false);
    expect(fileReportSchema.safeParse({ target: `cause:${draft.id}`, reason: "boring" }).success).toBe(false);
    expect(fileReportSchema.safeParse({ target: `cause:${draft.id}`, reason: "spam", note: "x".repeat(1001) }).success).toBe(false);
    expect(fileReportSchema.safeParse({ target: `cause:${draft.id}`, reason: "spam", note: "a\u202Eb" }).success).toBe(false);
    expect(fileReportSchema.safeParse({ target: `cause:${draft.id}`, reason: "spam", reporterId: "x" }).success).toBe(false);
  });
});

describe("operators", () => {
  it("are the verified, unsuspended sign-in addresses in ADMIN_EMAILS, nobody else", async () => {
    const user = await createUser("someone");
    expect(await isOperator(user.id)).toBe(false); // ADMIN_EMAILS is empty here
    expect(await isOperator(undefined)).toBe(false);
  });

  it("must give a reason for every decision", () => {
    expect(moderationDecisionSchema.safeParse({ decision: "suspend_cause", target: "cause:abcdefgh12", reason: "" }).success).toBe(false);
    expect(moderationDecisionSchema.safeParse({ decision: "suspend_cause", target: "cause:abcdefgh12", reason: "Spam wave" }).success).toBe(true);
    expect(moderationDecisionSchema.safeParse({ decision: "delete_everything", target: "cause:abcdefgh12", reason: "x" }).success).toBe(false);
  });
});

describe("a suspended cause", () => {
  it("answers 410 on page and feed, has no preview or oEmbed, mails nothing, and its followers are told", async () => {
    const cause = await deliveryCause();
    const reader = await createUser();
    await followCause(reader, { topicId: cause.id, source: "/" });
    const emailFollower = await followByEmail({ topicId: cause.id });
    const operator = await operatorUser();
    const update = await publish(cause.id, new Date());
    expect(await feedStatus(cause.slug)).toBe(200);
    await planDeliveries(new Date());
    expect(await db.delivery.count({ where: { subscriptionId: emailFollower.id, status: "pending" } })).toBe(1); // owed before the suspension

    await decide(operator, { decision: "suspend_cause", target: target("cause", cause.id), reason: "Spam wave, see reports" });

    expect(await findGone(`/c/${cause.slug}`)).toEqual({ kind: "cause", key: cause.slug, reason: "causeSuspended" });
    expect(await findGone(`/c/${cause.slug}/u/${update.id}`)).toMatchObject({ reason: "causeSuspended" });
    expect(await feedStatus(cause.slug)).toBe(410);
    expect(await getPreviewPage(cause.slug)).toBeNull();
    expect((await oembed.GET(get(`/api/oembed?url=${encodeURIComponent(`${APP}/c/${cause.slug}`)}`))).status).toBe(404);
    expect((await causeImage.GET(get(`/api/og/c/${cause.slug}`), { params: Promise.resolve({ slug: cause.slug }) })).status).toBe(404);

    // Planned before the suspension or not: nothing goes out.
    await runPass({ mailer, now: new Date(Date.now() + 60_000) });
    expect(inbox(emailFollower.email!)).toHaveLength(0);

    const feed = await getReaderFeed(reader.id);
    expect(feed.items).toEqual([]);
    expect(feed.ended).toEqual([expect.objectContaining({ kind: "cause", title: cause.title, reason: "suspended" })]);

    const notices = await getModerationNotices(cause.ownerId!);
    expect(notices.causes).toEqual([expect.objectContaining({ id: cause.id, suspendedReason: "Spam wave, see reports", appealedAt: null })]);
  });

  it("takes one appeal from its publisher, and lifting restores what it was", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    await changeCauseStatus(owner, { topicId: cause.id, status: "archived" });
    const operator = await operatorUser();
    await decide(operator, { decision: "suspend_cause", target: target("cause", cause.id), reason: "Impersonation" });
    await expect(changeCauseStatus(owner, { topicId: cause.id, status: "published" })).rejects.toMatchObject({ key: "statusChangeNotAllowed" });

    const stranger = await createUser("stranger");
    const appeal = { target: target("cause", cause.id), note: "We are the real association, see our site." };
    await expect(appealSuspension(stranger, appeal)).rejects.toMatchObject({ key: "notFound" });
    await appealSuspension(owner, appeal);
    await expect(appealSuspension(owner, appeal)).rejects.toMatchObject({ key: "appealAlreadySent" });
    expect(appealSchema.safeParse({ target: `cause:${cause.id}`, note: "too short" }).success).toBe(false);

    await decide(operator, { decision: "lift_cause", target: target("cause", cause.id), reason: "Appeal convincing" });
    expect(await db.topic.findUniqueOrThrow({ where: { id: cause.id } })).toMatchObject({ status: "archived", suspendedAt: null, appealNote: null });
    expect(await findGone(`/c/${cause.slug}`)).toBeNull();

    const log = (await listModerationLog()).filter((entry) => entry.targetId === cause.id).map((entry) => entry.action);
    expect(log).toEqual(["lift_cause", "appeal", "suspend_cause"]);
  });

  it("is logged once when two operators decide at the same moment", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const [a, b] = await Promise.all([operatorUser(), operatorUser()]);
    const results = await Promise.allSettled([
      decide(a, { decision: "suspend_cause", target: target("cause", cause.id), reason: "one" }),
      decide(b, { decision: "suspend_cause", target: target("cause", cause.id), reason: "two" }),
    ]);
    const changed = results.filter((r) => r.status === "fulfilled" && r.value.changed);
    expect(changed).toHaveLength(1);
    expect(await db.moderationLog.count({ where: { targetId: cause.id, action: "suspend_cause" } })).toBe(1);
  });
});

describe("a hidden update", () => {
  it("is gone from the page, the feeds and mails not yet sent; the publisher sees why; the cause stays", async () => {
    const cause = await deliveryCause();
    const follower = await followByEmail({ topicId: cause.id });
    const operator = await operatorUser();
    const keep = await publish(cause.id, new Date(Date.now() - 60_000), { title: "Keep" });
    const bad = await publish(cause.id, new Date(), { title: "Bad" });
    await planDeliveries(new Date());
    expect(await db.delivery.count({ where: { subscriptionId: follower.id, status: "pending" } })).toBe(2);
    await decide(operator, { decision: "hide_update", target: target("update", bad.id), reason: "Personal data of a third person" });

    expect((await listCauseUpdates(cause.id)).map((u) => u.title)).toEqual(["Keep"]);
    expect(await findGone(`/c/${cause.slug}/u/${bad.id}`)).toMatchObject({ kind: "update", reason: "updateHidden" });
    expect(await findGone(`/c/${cause.slug}/u/${keep.id}`)).toBeNull();
    const rss = await (await causeFeed.GET(get(`/api/feeds/c/${cause.slug}/rss`), { params: Promise.resolve({ slug: cause.slug, format: "rss" }) })).text();
    expect(rss).toContain("Keep");
    expect(rss).not.toContain("Bad");
    await runPass({ mailer, now: new Date(Date.now() + 60_000) });
    expect(inbox(follower.email!)).toHaveLength(1);
    expect(inbox(follower.email!)[0].text).toContain("Keep");
    expect(inbox(follower.email!)[0].text).not.toContain("Bad");
    expect((await getModerationNotices(cause.ownerId!)).updates).toEqual([expect.objectContaining({ id: bad.id, hiddenReason: "Personal data of a third person" })]);
  });
});

describe("a suspended account", () => {
  it("cannot sign in, loses its sessions, its causes are suspended; lifting brings both back", async () => {
    const owner = await createUser("owner");
    const [first, second] = await Promise.all([createPublishedCause(owner.id), createPublishedCause(owner.id)]);
    await db.session.create({ data: { sessionToken: `s-${stamp()}`, userId: owner.id, expires: new Date(Date.now() + 86_400_000) } });
    const operator = await operatorUser();
    await expect(decide(owner, { decision: "suspend_account", target: target("cause", first.id), reason: "x" + "y".repeat(5) })).rejects.toMatchObject({ key: "cannotSuspendSelf" });
    await decide(operator, { decision: "suspend_account", target: target("cause", first.id), reason: "Repeated spam" });

    expect(await db.session.count({ where: { userId: owner.id } })).toBe(0);
    expect((await db.topic.findMany({ where: { ownerId: owner.id } })).map((t) => t.status)).toEqual(["suspended", "suspended"]);
    const signIn = authOptions.callbacks!.signIn!;
    expect(await signIn({ user: { id: owner.id, email: owner.email! }, account: null } as never)).toBe(false);
    expect(await signIn({ user: { id: "new", email: `new-${stamp()}@example.org` }, account: null } as never)).toBe(true);

    await decide(operator, { decision: "lift_account", userId: owner.id, reason: "Settled" });
    expect(await signIn({ user: { id: owner.id, email: owner.email! }, account: null } as never)).toBe(true);
    expect((await db.topic.findMany({ where: { id: { in: [first.id, second.id] } } })).map((t) => t.status)).toEqual(["published", "published"]);
  });
});
