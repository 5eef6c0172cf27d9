/**
 * Hostile review of who reads Ursachenforschung and what it shows, on SQLite and PostgreSQL: another
 * account, a non-admin group member, a former admin or an ended membership get nothing of a cause's
 * counters; the four weeks are four weeks to the hour (not a day more for the weekday of today);
 * and titles and labels rendered in the dashboard are text, isolated from the sentence around them.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { createFormatter, createTranslator } from "use-intl/core";
import { describe, expect, it, vi } from "vitest";
import CauseInsightsPage from "@/app/(publisher)/dashboard/causes/[id]/insights/page";
import GroupInsightsPage from "@/app/(publisher)/dashboard/groups/[id]/insights/page";
import { HintsCard } from "@/components/insights/hints-card";
import { LeaveSpikesCard } from "@/components/insights/leave-spikes-card";
import { PlacesCard } from "@/components/insights/places-card";
import { ReachCard } from "@/components/insights/reach-card";
import { db } from "@/lib/db";
import { messages } from "@/lib/i18n/messages";
import { getCauseInsights, getGroupInsights } from "@/lib/insights/queries";
import { createPublishedCause, createUser, stamp } from "../support/factories";

// The pages run outside Next: `viewer` is signed in; translations and formats are the app's own
// English messages through next-intl's core.
const state = vi.hoisted(() => ({ viewer: null as { id: string } | null }));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!state.viewer) throw new Error("redirect to sign-in");
    return state.viewer;
  },
  getCurrentUser: async () => state.viewer,
}));
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages: messages.en, namespace: namespace as never }),
  getFormatter: async () => createFormatter({ locale: "en", timeZone: "UTC" }),
}));

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const bucket = (at: Date) => ({ day: at.toISOString().slice(0, 10), hour: at.getUTCHours() });
const gridSum = (grid: number[][]) => grid.flat().reduce((n, c) => n + c, 0);
const notFoundOf = (run: () => Promise<unknown>) => run().then(() => "rendered", (error: { digest?: string }) => String(error.digest ?? error));

async function groupOf(adminCause: { id: string }, members: { id: string }[]) {
  return db.partnerGroup.create({
    data: { slug: `g-${stamp()}`, name: "Gruppe", concern: "Anliegen", adminTopicId: adminCause.id, memberships: { create: [adminCause, ...members].map((c) => ({ topicId: c.id })) } },
  });
}

describe("who sees a cause's or a group's insights", () => {
  it("the owner and the group's admin only — not another account, a member, nor a former admin", async () => {
    const owner = await createUser("owner");
    const stranger = await createUser("stranger");
    const memberOwner = await createUser("member");
    const cause = await createPublishedCause(owner.id);
    const memberCause = await createPublishedCause(memberOwner.id);
    await db.readCount.create({ data: { topicId: cause.id, channel: "page", ...bucket(new Date()), count: 7 } });
    const group = await groupOf(cause, [memberCause]);
    const otherGroup = await groupOf(memberCause, []);

    expect(await getCauseInsights(cause.id, owner.id)).not.toBeNull();
    for (const user of [stranger, memberOwner]) expect(await getCauseInsights(cause.id, user.id)).toBeNull();
    // The id of the owner's group, or of their own cause's group membership, is not a cause id.
    expect(await getCauseInsights(group.id, owner.id)).toBeNull();
    expect(await getGroupInsights(group.id, owner.id)).not.toBeNull();
    for (const user of [stranger, memberOwner]) expect(await getGroupInsights(group.id, user.id)).toBeNull();
    expect(await getGroupInsights(otherGroup.id, owner.id)).toBeNull();
    expect(await getGroupInsights(cause.id, owner.id)).toBeNull();
    // The group handed over to the member: the former admin sees nothing more.
    await db.partnerGroup.update({ where: { id: group.id }, data: { adminTopicId: memberCause.id } });
    expect(await getGroupInsights(group.id, owner.id)).toBeNull();
    expect(await getGroupInsights(group.id, memberOwner.id)).not.toBeNull();

    // The pages answer 404 to everybody else, with nothing rendered.
    state.viewer = stranger;
    expect(await notFoundOf(() => CauseInsightsPage({ params: Promise.resolve({ id: cause.id }) }))).toMatch(/404/);
    expect(await notFoundOf(() => GroupInsightsPage({ params: Promise.resolve({ id: group.id }) }))).toMatch(/404/);
    state.viewer = owner;
    expect(await notFoundOf(() => CauseInsightsPage({ params: Promise.resolve({ id: cause.id }) }))).toBe("rendered");
    expect(await notFoundOf(() => GroupInsightsPage({ params: Promise.resolve({ id: group.id }) }))).toMatch(/404/);
    for (const id of ["", "../..", `${cause.id}' OR '1'='1`, cause.slug]) {
      expect(await notFoundOf(() => CauseInsightsPage({ params: Promise.resolve({ id }) }))).toMatch(/404/);
    }
    state.viewer = null;
    expect(await notFoundOf(() => CauseInsightsPage({ params: Promise.resolve({ id: cause.id }) }))).toMatch(/sign-in/);
  });

  it("a group adds up its active members' counters only: a cause that left takes its reads along", async () => {
    const admin = await createUser("admin");
    const other = await createUser("other");
    const adminCause = await createPublishedCause(admin.id);
    const staying = await createPublishedCause(other.id);
    const alsoStaying = await createPublishedCause(other.id);
    const leaving = await createPublishedCause(other.id);
    const group = await groupOf(adminCause, [staying, alsoStaying, leaving]);
    const at = bucket(new Date(Date.now() - 2 * HOUR));
    await db.readCount.createMany({
      data: [
        { topicId: adminCause.id, channel: "page", ...at, count: 1 },
        { topicId: staying.id, channel: "feed", ...at, count: 10 },
        { topicId: alsoStaying.id, channel: "page", ...at, count: 1000 },
        { topicId: leaving.id, channel: "page", ...at, count: 100 },
      ],
    });
    expect(gridSum((await getGroupInsights(group.id, admin.id))!.reading!.grid)).toBe(1111);
    await db.groupMembership.update({ where: { groupId_topicId: { groupId: group.id, topicId: leaving.id } }, data: { status: "left", endedAt: new Date() } });
    const view = await getGroupInsights(group.id, admin.id);
    expect(gridSum(view!.reading!.grid)).toBe(1011);
    expect(view!.members).toBe(3);
    // Down to two members, the admin could take their own numbers away and read the other
    // publisher's: the group's reading times are not shown at all.
    await db.groupMembership.update({ where: { groupId_topicId: { groupId: group.id, topicId: alsoStaying.id } }, data: { status: "left", endedAt: new Date() } });
    expect((await getGroupInsights(group.id, admin.id))!.reading).toBeNull();
    // Sums per hour of the week, nothing else: no cause, update or reader named in what the page gets.
    const text = JSON.stringify(view);
    for (const id of [staying.id, alsoStaying.id, leaving.id, adminCause.id]) expect(text).not.toContain(id);
  });
});

describe("what a group's admin reads of its members", () => {
  it("no title of a suspended or removed member's update next to the group's days of many leaves", async () => {
    const admin = await createUser("spike-admin");
    const other = await createUser("spike-other");
    const adminCause = await createPublishedCause(admin.id);
    const live = await createPublishedCause(other.id);
    const suspended = await createPublishedCause(other.id);
    const group = await groupOf(adminCause, [live, suspended]);
    const now = new Date();
    const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
    const liveUpdate = await db.update.create({ data: { topicId: live.id, title: "Harmlos", publishedAt: ago(60) } });
    await db.update.create({ data: { topicId: suspended.id, title: "Was die Moderation entfernt hat", publishedAt: ago(36) } });
    // Four of the group's email followers left yesterday: a spike.
    for (let i = 0; i < 4; i++) {
      const subscription = await db.subscription.create({ data: { groupId: group.id, email: `spike-${stamp()}@test.local`, channel: "email", status: "left", leftAt: ago(20) } });
      await db.consentEvent.create({ data: { subscriptionId: subscription.id, groupId: group.id, action: "leave", source: "test", consentVersion: "1", createdAt: ago(20) } });
    }
    expect((await getGroupInsights(group.id, admin.id, now))!.spikes[0].update?.title).toBe("Was die Moderation entfernt hat");
    for (const status of ["suspended", "removed"] as const) {
      await db.topic.update({ where: { id: suspended.id }, data: { status } });
      const { spikes } = (await getGroupInsights(group.id, admin.id, now))!;
      expect(spikes).toHaveLength(1);
      expect(spikes[0].update?.id, status).toBe(liveUpdate.id);
    }
  });
});

describe("the four weeks", () => {
  it("are four weeks to the hour: this weekday's early hours are not counted five times", async () => {
    const owner = await createUser("window");
    const cause = await createPublishedCause(owner.id);
    const today = new Date();
    const now = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 15, 30));
    const since = new Date(now.getTime() - 28 * DAY); // the same weekday four weeks ago, 15:30
    const at = (base: Date, hours: number) => bucket(new Date(base.getTime() + hours * HOUR));
    await db.readCount.createMany({
      data: [
        // Four weeks and a few hours ago (the same UTC day as the window's start): outside.
        { topicId: cause.id, channel: "page", ...at(since, -10), count: 1000 },
        { topicId: cause.id, channel: "feed", ...at(since, -1), count: 1000 },
        // The hour the window starts in began before it: outside too, or that hour of the week
        // would hold five weeks (four weeks ago and today's) where every other holds four.
        { topicId: cause.id, channel: "page", ...at(since, -0.5), count: 1000 },
        // Inside: from the first whole hour of the window to the hour now is in.
        { topicId: cause.id, channel: "page", ...at(since, 0.5), count: 1 },
        { topicId: cause.id, channel: "feed", ...at(now, -7 * 24), count: 2 },
        { topicId: cause.id, channel: "page", ...at(now, 0), count: 4 },
      ],
    });
    const insights = await getCauseInsights(cause.id, owner.id, now);
    expect(gridSum(insights!.reading.grid)).toBe(7);
    const admin = await createUser("window-admin");
    const group = await groupOf(await createPublishedCause(admin.id), [cause, await createPublishedCause(admin.id)]);
    expect(gridSum((await getGroupInsights(group.id, admin.id, now))!.reading!.grid)).toBe(7);
  });
});

describe("titles and labels in the dashboard", () => {
  const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(1)> שלום עולם!`;

  it("are text, never markup", async () => {
    const publishedAt = new Date(Date.now() - DAY);
    const reach = [{ id: "u1", title: hostile, publishedAt, ownViews: [1, 0, 0, 0, 0, 0, 0], pageViews: 2, feedFetches: 3, total: 6 }];
    const places = [{ id: "p1", label: hostile, personal: false, visits: 4, follows: 2, conversion: 0.5 }];
    const html = [
      renderToStaticMarkup(await ReachCard({ reach, causeSlug: "a-cause" })),
      renderToStaticMarkup(await PlacesCard({ places, shareKitHref: "/dashboard/causes/x/share" })),
      renderToStaticMarkup(await HintsCard({ hints: [{ key: "bestPlace", label: hostile, follows: 2 }] })),
      renderToStaticMarkup(await LeaveSpikesCard({ spikes: [{ day: "2030-01-02", leaves: 5, update: { id: "u1", title: hostile, publishedAt } }], causeSlug: "a-cause" })),
    ].join("\n");
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // The only links: the update's own page and the share kit.
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).sort()).toEqual(["/c/a-cause/u/u1", "/c/a-cause/u/u1", "/dashboard/causes/x/share"]);
  });

  it("in a right-to-left script do not reorder the sentence around them, in the group's view too", async () => {
    const title = "עדכון חשוב!";
    const update = { id: "u1", title, publishedAt: new Date("2030-01-01T10:00:00Z") };
    const spikes = [{ day: "2030-01-02", leaves: 5, update }];
    // The cause's view links the title; the group's view (no slug: members' updates) does not.
    for (const causeSlug of ["a-cause", undefined]) {
      const html = renderToStaticMarkup(await LeaveSpikesCard({ spikes, causeSlug }));
      expect(html, String(causeSlug)).toMatch(new RegExp(`<bdi>“${title}”</bdi>`));
    }
    const place = renderToStaticMarkup(await PlacesCard({ places: [{ id: "p", label: title, personal: false, visits: 1, follows: 1, conversion: 1 }], shareKitHref: "/s" }));
    expect(place).toContain(`<bdi>${title}</bdi>`);
    const hint = renderToStaticMarkup(await HintsCard({ hints: [{ key: "bestPlace", label: title, follows: 1 }] }));
    expect(hint).toContain(`\u2068${title}\u2069`);
  });
});
