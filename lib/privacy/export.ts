import "server-only";
import { db, type Prisma } from "@/lib/db";
import { invitationState } from "@/lib/share/rules";
import { preferencesForExport } from "@/lib/subscription/email/rules";

// "Download my data": everything the app holds about one person, as one JSON document. Dates are
// ISO strings; nothing here is aggregate of other people, and no IP address exists to include.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const subscriptionSelect = {
  id: true,
  email: true,
  channel: true,
  status: true,
  since: true,
  leftAt: true,
  createdAt: true,
  emailSince: true,
  partnerNews: true,
  kinds: true,
  cadence: true,
  weekday: true,
  timeZone: true,
  quietStart: true,
  quietEnd: true,
  pausedUntil: true,
  mailLocale: true,
  bouncedAt: true,
  bounceReason: true,
  readUpTo: true,
  topic: { select: { slug: true, title: true } },
  group: { select: { slug: true, name: true } },
  events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { createdAt: true, action: true, detail: true, verifiedSignIn: true, source: true, ref: true, consentVersion: true } },
  deliveries: { orderBy: { createdAt: "asc" }, select: { key: true, status: true, dueAt: true, sentAt: true, attempts: true } },
} satisfies Prisma.SubscriptionSelect;

type ExportedSubscription = Awaited<ReturnType<typeof loadSubscriptions>>[number];

function loadSubscriptions(where: object) {
  return db.subscription.findMany({ where, orderBy: { createdAt: "asc" }, select: subscriptionSelect });
}

function subscriptionJson(s: ExportedSubscription) {
  return {
    id: s.id,
    follows: s.topic ? { kind: "cause", slug: s.topic.slug, title: s.topic.title } : s.group ? { kind: "group", slug: s.group.slug, name: s.group.name } : null,
    address: s.email,
    channel: s.channel,
    status: s.status,
    since: iso(s.since),
    leftAt: iso(s.leftAt),
    createdAt: iso(s.createdAt),
    emailSince: iso(s.emailSince),
    readUpTo: iso(s.readUpTo),
    preferences: preferencesForExport(s),
    bounce: s.bouncedAt ? { at: iso(s.bouncedAt), reason: s.bounceReason } : null,
    consentLedger: s.events.map((e) => ({ at: iso(e.createdAt), action: e.action, detail: e.detail, page: e.source, ref: e.ref, consentTextVersion: e.consentVersion })),
    mails: s.deliveries.map((d) => ({ key: d.key, status: d.status, due: iso(d.dueAt), sent: iso(d.sentAt), attempts: d.attempts })),
  };
}

/** Everything about one account: the account, its causes and updates, follows, groups, reports. */
export async function buildAccountExport(userId: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      image: true,
      emailVerified: true,
      createdAt: true,
      accounts: { select: { provider: true } },
      sessions: { select: { expires: true } },
      feedToken: { select: { createdAt: true } },
      reads: { select: { updateId: true, readAt: true, unread: true }, orderBy: { readAt: "asc" } },
      reportsFiled: { select: { reason: true, note: true, status: true, createdAt: true, topic: { select: { slug: true } }, update: { select: { id: true } }, group: { select: { slug: true } } } },
      invitationsSent: { select: { note: true, status: true, createdAt: true, group: { select: { name: true } }, topic: { select: { title: true } } } },
    },
  });
  if (!user) return null;
  const [causes, subscriptions, addressSubscriptions] = await Promise.all([
    db.topic.findMany({
      where: { ownerId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, slug: true, title: true, summary: true, body: true, language: true, status: true, pushBudget: true,
        createdAt: true, publishedAt: true, archivedAt: true, suspendedAt: true, suspendedReason: true, appealNote: true,
        tags: { select: { slug: true } },
        updates: { orderBy: { publishedAt: "asc" }, select: { id: true, kind: true, title: true, body: true, publishedAt: true, correctedAt: true, correctionNote: true, hiddenAt: true, hiddenReason: true } },
        shareRefs: {
          select: {
            code: true, label: true, createdAt: true, archivedAt: true, personal: true, note: true, expiresAt: true, openedAt: true, followedAt: true,
            days: { select: { day: true, visits: true, follows: true } },
          },
        },
        memberships: { select: { status: true, joinedAt: true, endedAt: true, group: { select: { slug: true, name: true } } } },
        invitations: { select: { status: true, note: true, createdAt: true, group: { select: { name: true } } } },
        _count: { select: { subscriptions: { where: { status: "active" } } } },
      },
    }),
    loadSubscriptions({ userId }),
    // Email-only follows of the same address belong to the same person, once the address is proven
    // (an unverified one, e.g. from an OAuth provider, may be somebody else's).
    user.email && user.emailVerified ? loadSubscriptions({ email: user.email.toLowerCase(), userId: null }) : Promise.resolve([]),
  ]);
  return {
    format: "herzensthema-export/1",
    exportedAt: now.toISOString(),
    notice: "Everything this Herzensthema instance holds about you. No IP addresses are stored. Follower numbers of your causes are counts only: nobody's identity is included.",
    account: {
      id: user.id,
      email: user.email,
      name: user.name,
      image: user.image,
      emailVerified: iso(user.emailVerified),
      createdAt: iso(user.createdAt),
      signInProviders: ["email", ...user.accounts.map((a) => a.provider)],
      activeSessions: user.sessions.filter((s) => s.expires > now).length,
      privateFeedAddressSince: iso(user.feedToken?.createdAt),
    },
    causes: causes.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      body: c.body,
      language: c.language,
      status: c.status,
      pushBudgetPerWeek: c.pushBudget,
      tags: c.tags.map((t) => t.slug),
      createdAt: iso(c.createdAt),
      publishedAt: iso(c.publishedAt),
      archivedAt: iso(c.archivedAt),
      suspension: c.suspendedAt ? { at: iso(c.suspendedAt), reason: c.suspendedReason, appeal: c.appealNote } : null,
      followerCount: c._count.subscriptions,
      updates: c.updates.map((u) => ({ ...u, publishedAt: iso(u.publishedAt), correctedAt: iso(u.correctedAt), hiddenAt: iso(u.hiddenAt) })),
      shareLinks: c.shareRefs
        .filter((r) => !r.personal)
        .map((r) => ({ code: r.code, place: r.label, createdAt: iso(r.createdAt), archivedAt: iso(r.archivedAt), countsPerDay: r.days })),
      // What the publisher sees of a personal invitation, and no more: opened and followed, yes or no.
      personalInvitations: c.shareRefs
        .filter((r) => r.personal)
        .map((r) => ({
          for: r.label,
          note: r.note,
          createdAt: iso(r.createdAt),
          state: invitationState(r, now),
          opened: r.openedAt !== null,
          followed: r.followedAt !== null,
        })),
      partnerGroups: c.memberships.map((m) => ({ group: m.group.name, slug: m.group.slug, status: m.status, joinedAt: iso(m.joinedAt), endedAt: iso(m.endedAt) })),
      invitationsReceived: c.invitations.map((i) => ({ group: i.group.name, status: i.status, note: i.note, at: iso(i.createdAt) })),
    })),
    invitationsSent: user.invitationsSent.map((i) => ({ group: i.group.name, toCause: i.topic.title, note: i.note, status: i.status, at: iso(i.createdAt) })),
    follows: [...subscriptions, ...addressSubscriptions].map(subscriptionJson),
    readMarks: user.reads.map((r) => ({ update: r.updateId, at: iso(r.readAt), ...(r.unread ? { markedUnread: true } : {}) })),
    reportsFiled: user.reportsFiled.map((r) => ({
      about: r.update ? { update: r.update.id } : r.topic ? { cause: r.topic.slug } : r.group ? { group: r.group.slug } : null,
      reason: r.reason,
      note: r.note,
      status: r.status,
      at: iso(r.createdAt),
    })),
  };
}

/** Everything about one email address that follows without an account. */
export async function buildAddressExport(address: string, now = new Date()) {
  const subscriptions = await loadSubscriptions({ email: address.toLowerCase(), userId: null });
  return {
    format: "herzensthema-address-export/1",
    exportedAt: now.toISOString(),
    notice: "Everything this Herzensthema instance holds about this email address. No IP addresses are stored.",
    address: address.toLowerCase(),
    follows: subscriptions.map(subscriptionJson),
  };
}
