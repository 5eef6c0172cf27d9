import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { preferencesForExport } from "./rules";
import { signLeaveToken, signPreferencesToken, verifyConfirmToken, verifyLeaveToken, verifyPreferencesToken } from "../rules";

const targetInclude = {
  topic: { select: { id: true, title: true, slug: true } },
  group: { select: { id: true, name: true, slug: true } },
  user: { select: { email: true } },
} as const;

type WithTarget = {
  topic: { id: string; title: string; slug: string } | null;
  group: { id: string; name: string; slug: string } | null;
};

/** What a subscription follows, for pages: title, kind and where its page is. */
export function subscriptionTarget(s: WithTarget) {
  return s.topic
    ? { kind: "cause" as const, id: s.topic.id, title: s.topic.title, href: `/c/${s.topic.slug}` }
    : { kind: "group" as const, id: s.group!.id, title: s.group!.name, href: `/g/${s.group!.slug}` };
}

/**
 * What the confirm page shows for a token, without changing anything (scanners GET it):
 * invalid, expired (with the cause to ask again on), already used, or ready to confirm.
 */
export async function getConfirmView(token: string, now = new Date()) {
  const check = verifyConfirmToken(token, env.AUTH_SECRET, now);
  if (!check.ok && check.reason === "forged") return { state: "invalid" as const };
  const subscriptionId = check.ok ? check.value.subscriptionId : check.subscriptionId;
  const subscription = await db.subscription.findUnique({ where: { id: subscriptionId }, include: targetInclude });
  if (!subscription) return { state: "invalid" as const };
  const target = subscriptionTarget(subscription);
  if (!check.ok) return { state: "expired" as const, target };
  if (subscription.confirmNonce !== check.value.nonce) {
    const active = subscription.status === "active" && subscription.channel === "email" && subscription.emailSince !== null;
    return {
      state: "used" as const,
      target,
      preferencesPath: active ? `/email/preferences/${signPreferencesToken(subscription.id, env.AUTH_SECRET, now)}` : null,
    };
  }
  return { state: "ready" as const, target, address: subscription.email ?? subscription.user?.email ?? "" };
}

/** A fresh preferences link for a subscription (after confirming, or on the signed-in list). */
export function preferencesPath(subscriptionId: string, now = new Date()) {
  return `/email/preferences/${signPreferencesToken(subscriptionId, env.AUTH_SECRET, now)}`;
}

/** Everything the preferences page and the ledger download show for one subscription. */
async function loadEmailSubscription(subscriptionId: string, where: { userId?: string } = {}) {
  const subscription = await db.subscription.findFirst({
    where: { id: subscriptionId, ...where },
    include: { ...targetInclude, events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  if (!subscription) return null;
  const { events, user, topic, group, ...rest } = subscription;
  return {
    ...rest,
    address: subscription.email ?? user?.email ?? null,
    accountHolder: subscription.userId !== null,
    target: subscriptionTarget({ topic, group }),
    events,
    leaveToken: signLeaveToken(subscription.id, env.AUTH_SECRET),
  };
}

export type EmailSubscriptionView = NonNullable<Awaited<ReturnType<typeof loadEmailSubscription>>>;

/** The preferences page by link: invalid, expired (offer a fresh link) or the subscription. */
export async function getPreferencesView(token: string, now = new Date()) {
  const check = verifyPreferencesToken(token, env.AUTH_SECRET, now);
  if (!check.ok && check.reason === "forged") return { state: "invalid" as const };
  if (!check.ok) {
    const exists = await db.subscription.count({ where: { id: check.subscriptionId } });
    return exists ? { state: "expired" as const } : { state: "invalid" as const };
  }
  const subscription = await loadEmailSubscription(check.subscriptionId);
  return subscription ? { state: "ok" as const, subscription } : { state: "invalid" as const };
}

/** One of the signed-in reader's own subscriptions, or null for anybody else's. */
export function getOwnEmailSubscription(userId: string, subscriptionId: string) {
  return loadEmailSubscription(subscriptionId, { userId });
}

/** The subscription id a valid (unexpired) preferences token names, or null. */
export function subscriptionIdFromPreferencesToken(token: string, now = new Date()) {
  const check = verifyPreferencesToken(token, env.AUTH_SECRET, now);
  return check.ok ? check.subscriptionId : null;
}

/** The subscription id an expired-or-valid preferences token names (for "send me a fresh link"). */
export function subscriptionIdFromAnyPreferencesToken(token: string, now = new Date()) {
  const check = verifyPreferencesToken(token, env.AUTH_SECRET, now);
  return check.ok || check.reason === "expired" ? check.subscriptionId : null;
}

/**
 * The reader's own data as a download: the subscription (address, target, preferences) and every
 * consent event. No IP addresses exist to include.
 */
export async function getLedgerExport(subscriptionId: string, where: { userId?: string } = {}) {
  const s = await loadEmailSubscription(subscriptionId, where);
  if (!s) return null;
  return {
    exportedAt: new Date().toISOString(),
    subscription: {
      id: s.id,
      address: s.address,
      target: { kind: s.target.kind, title: s.target.title, url: s.target.href },
      status: s.status,
      channel: s.channel,
      since: s.since.toISOString(),
      emailSince: s.emailSince?.toISOString() ?? null,
      leftAt: s.leftAt?.toISOString() ?? null,
      preferences: preferencesForExport(s),
      bouncedAt: s.bouncedAt?.toISOString() ?? null,
      bounceReason: s.bounceReason,
    },
    events: s.events.map((e) => ({
      at: e.createdAt.toISOString(),
      action: e.action,
      detail: e.detail,
      source: e.source,
      ref: e.ref,
      consentVersion: e.consentVersion,
    })),
  };
}

/** Whether the done page may ask why (a valid leave token, left, not yet answered). */
export async function canAskLeaveReason(token: string) {
  const subscriptionId = verifyLeaveToken(token, env.AUTH_SECRET);
  if (!subscriptionId) return false;
  const subscription = await db.subscription.findUnique({ where: { id: subscriptionId }, select: { status: true, leaveReasonAt: true } });
  return subscription?.status === "left" && subscription.leaveReasonAt === null;
}

/** Leave reasons for a cause the viewer owns, per month (aggregate counts only), newest month first. */
export async function getLeaveReasonCounts(topicId: string) {
  const rows = await db.leaveReasonCount.findMany({ where: { scope: `topic:${topicId}` }, orderBy: [{ month: "desc" }, { reason: "asc" }], take: 48 });
  return rows.map(({ reason, month, count }) => ({ reason, month, count }));
}

/** The signed-in reader's own active subscription to a cause or group, for "Also by email". */
export async function getViewerEmailState(userId: string | undefined, target: { topicId: string } | { groupId: string }) {
  if (!userId) return null;
  const subscription = await db.subscription.findFirst({
    where: { userId, status: "active", ...target },
    select: { id: true, channel: true, emailSince: true },
  });
  if (!subscription) return null;
  const byEmail = subscription.channel === "email";
  return { subscriptionId: subscription.id, byEmail, pending: byEmail && !subscription.emailSince };
}
