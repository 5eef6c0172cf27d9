import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { AppLocale } from "@/lib/i18n/config";
import type { Mail } from "@/lib/mail/send";
import { signLeaveToken, signPreferencesToken } from "@/lib/subscription/rules";
import { VISIBLE_UPDATE } from "@/lib/update/queries";
import { absoluteUrl } from "@/lib/url";
import { composeDigestContent, composeDigestMail, composeUpdateContent, composeUpdateMail, deliveryHeaders, type DigestContent, type MailContent, type MailReader, type MailUpdate } from "@/lib/mail/delivery";
import { parseKinds } from "@/lib/subscription/email/rules";
import { cadenceOfKey, inQuietHours, nextOutsideQuietHours } from "./rules";
import { sourceTopics, type MembershipGraph } from "@/lib/subscription/sources";
import { isMailable } from "./audience";
import { logger } from "@/lib/log.mjs";

const log = logger("worker");

// Turns claimed Delivery rows into mails, re-checking at send time everything that may have changed
// since planning: the reader left, paused, bounced, changed cadence, kinds or quiet hours.

export type Prepared =
  | { id: string; action: "send"; subscriptionId: string; attempts: number; mail: Mail & { messageId: string } }
  | { id: string; action: "skip"; reason: string }
  | { id: string; action: "defer"; until: Date };

/**
 * Per pass: the partner-group graph, composed digest bodies (one per target, period, locale, zone)
 * and update mails' shared parts (one per update, locale, zone).
 */
export type PassContext = { graph: MembershipGraph; digests: Map<string, DigestContent | null>; updateMails: Map<string, MailContent> };

const DIGEST_CACHE_LIMIT = 2000;
const updateInclude = { topic: { select: { slug: true, title: true } } } as const;
type LoadedUpdate = Awaited<ReturnType<typeof loadUpdates>>[number];

function loadUpdates(where: object) {
  // Re-checked at send time: an update hidden or a cause suspended since planning is not mailed.
  return db.update.findMany({ where: { AND: [where, VISIBLE_UPDATE] }, include: updateInclude, orderBy: [{ publishedAt: "asc" }, { id: "asc" }] });
}

function toMailUpdate(u: LoadedUpdate): MailUpdate {
  const causeUrl = absoluteUrl(`/c/${u.topic.slug}`);
  return {
    ...u,
    kind: u.kind,
    url: absoluteUrl(`/c/${u.topic.slug}/u/${u.id}`),
    cause: { title: u.topic.title, url: causeUrl },
  };
}

async function loadClaimed(ids: string[]) {
  const rows = await db.delivery.findMany({
    where: { id: { in: ids }, status: "pending" },
    include: {
      subscription: {
        include: {
          user: { select: { email: true } },
          topic: { select: { id: true, slug: true, title: true } },
          group: { select: { id: true, slug: true, name: true } },
        },
      },
    },
  });
  const subIds = [...new Set(rows.map((r) => r.subscriptionId))];
  // The "why you got this" text quotes the latest confirmation.
  const confirms = await db.consentEvent.findMany({
    where: { subscriptionId: { in: subIds }, action: "confirm" },
    orderBy: { createdAt: "desc" },
    select: { subscriptionId: true, createdAt: true, source: true, verifiedSignIn: true },
  });
  const latestConfirm = new Map<string, (typeof confirms)[number]>();
  for (const c of confirms) if (!latestConfirm.has(c.subscriptionId)) latestConfirm.set(c.subscriptionId, c);
  const updateIds = rows.map((r) => r.updateId).filter((id): id is string => id !== null);
  const updates = new Map((updateIds.length ? await loadUpdates({ id: { in: updateIds } }) : []).map((u) => [u.id, u]));
  return { rows, latestConfirm, updates };
}

type Claimed = Awaited<ReturnType<typeof loadClaimed>>["rows"][number];
type Sub = Claimed["subscription"];

function target(sub: Sub) {
  return sub.group
    ? { name: sub.group.name, url: absoluteUrl(`/g/${sub.group.slug}`), list: { kind: "group" as const, slug: sub.group.slug, name: sub.group.name } }
    : { name: sub.topic!.title, url: absoluteUrl(`/c/${sub.topic!.slug}`), list: { kind: "cause" as const, slug: sub.topic!.slug, name: sub.topic!.title } };
}

/** The digest body for a row, composed once per pass for everyone who would get the same one. */
async function digestFor(row: Claimed, ctx: PassContext): Promise<DigestContent | null> {
  const sub = row.subscription;
  const kinds = [...parseKinds(sub.kinds)].sort();
  const periodStart = row.periodStart!;
  const periodEnd = row.periodEnd!;
  // Nothing from before the confirmation, from during a pause or from before a cadence change;
  // usually the period start.
  const from = new Date(Math.max(periodStart.getTime(), sub.emailSince!.getTime(), sub.pausedUntil?.getTime() ?? 0, sub.cadenceSince?.getTime() ?? 0));
  const { name, url } = target(sub);
  const targetKey = sub.groupId ? `g:${sub.groupId}` : `c:${sub.topicId}:${sub.partnerNews ? 1 : 0}`;
  const cacheKey = [targetKey, periodStart.toISOString(), periodEnd.toISOString(), from.toISOString(), sub.mailLocale, sub.timeZone, kinds.join(",")].join("|");
  if (ctx.digests.has(cacheKey)) return ctx.digests.get(cacheKey)!;

  const topics = sourceTopics(sub, ctx.graph);
  const updates = topics.length && kinds.length
    ? await loadUpdates({ topicId: { in: topics }, kind: { in: kinds }, publishedAt: { gte: from, lt: periodEnd } })
    : [];
  const content = updates.length
    ? composeDigestContent(updates.map(toMailUpdate), {
        locale: sub.mailLocale as AppLocale,
        timeZone: sub.timeZone,
        cadence: sub.cadence as "daily" | "weekly",
        periodStart,
        periodEnd,
        target: { name, url },
      })
    : null;
  if (ctx.digests.size >= DIGEST_CACHE_LIMIT) ctx.digests.clear();
  ctx.digests.set(cacheKey, content);
  return content;
}

/** An update mail's shared part, composed once per pass for all its readers in one locale and zone. */
function updateContentFor(update: LoadedUpdate, sub: Sub, ctx: PassContext): MailContent {
  const key = [update.id, sub.mailLocale, sub.timeZone].join("|");
  let content = ctx.updateMails.get(key);
  if (!content) {
    if (ctx.updateMails.size >= DIGEST_CACHE_LIMIT) ctx.updateMails.clear();
    content = composeUpdateContent(toMailUpdate(update), sub.mailLocale as AppLocale, sub.timeZone);
    ctx.updateMails.set(key, content);
  }
  return content;
}

function reader(sub: Sub, address: string, confirm: { createdAt: Date; source: string; verifiedSignIn: boolean }): MailReader {
  const { name, url } = target(sub);
  return {
    locale: sub.mailLocale as AppLocale,
    timeZone: sub.timeZone,
    address,
    target: { name, url },
    confirmedAt: confirm.createdAt,
    confirmedVia: confirm.source.startsWith("/") ? absoluteUrl(confirm.source) : confirm.source,
    verifiedSignIn: confirm.verifiedSignIn,
    cadence: sub.cadence,
    weekday: sub.weekday,
    preferencesUrl: absoluteUrl(`/email/preferences/${signPreferencesToken(sub.id, env.AUTH_SECRET)}`),
    leaveUrl: absoluteUrl(`/leave/${signLeaveToken(sub.id, env.AUTH_SECRET)}`),
  };
}

type Loaded = Awaited<ReturnType<typeof loadClaimed>>;

/** Decides for one claimed row: send this mail, skip it (and why), or wait. */
async function prepareOne(row: Claimed, now: Date, ctx: PassContext, { latestConfirm, updates }: Loaded): Promise<Prepared> {
  const sub = row.subscription;
  const skip = (reason: string): Prepared => ({ id: row.id, action: "skip", reason });
  const address = sub.email ?? sub.user?.email;
  const confirm = latestConfirm.get(sub.id);
  if (!isMailable(sub, now)) {
    return skip(sub.status !== "active" ? `subscription ${sub.status}` : sub.bouncedAt ? "address bounced" : sub.pausedUntil ? "paused" : "not confirmed for email");
  }
  if (!address) return skip("no address");
  // No mail without a confirmed opt-in on record (invariant 2).
  if (!confirm) return skip("no confirmation on record");
  if (cadenceOfKey(row.key) !== sub.cadence) return skip(`cadence is now ${sub.cadence}`);
  if (inQuietHours(now, sub.timeZone, sub)) return { id: row.id, action: "defer", until: nextOutsideQuietHours(now, sub.timeZone, sub) };

  let composed;
  if (row.updateId) {
    const update = updates.get(row.updateId);
    if (!update) return skip("update deleted");
    if (!parseKinds(sub.kinds).has(update.kind)) return skip(`kind ${update.kind} not chosen`);
    if (update.publishedAt < sub.emailSince! || (sub.pausedUntil && update.publishedAt < sub.pausedUntil)) return skip("published before email delivery or during a pause");
    if (sub.cadenceSince && update.publishedAt < sub.cadenceSince) return skip("published before the switch to as-published");
    // Partner news switched off, or the cause left the group, since this was planned.
    if (!sourceTopics(sub, ctx.graph).includes(update.topicId)) return skip("cause no longer followed by this subscription");
    composed = composeUpdateMail(toMailUpdate(update), reader(sub, address, confirm), updateContentFor(update, sub, ctx));
  } else {
    const content = await digestFor(row, ctx);
    if (!content) return skip("nothing new in this period");
    composed = composeDigestMail(content, reader(sub, address, confirm));
  }
  const oneClickUrl = absoluteUrl(`/api/leave?token=${signLeaveToken(sub.id, env.AUTH_SECRET)}`);
  const { messageId, headers } = deliveryHeaders({ deliveryId: row.id, appUrl: env.APP_URL, oneClickUrl, list: target(sub).list });
  return { id: row.id, action: "send", subscriptionId: sub.id, attempts: row.attempts, mail: { to: address, ...composed, headers, messageId } };
}

/** Loads claimed rows and decides for each. One row that cannot be prepared never stalls the rest. */
export async function prepareDeliveries(ids: string[], now: Date, ctx: PassContext): Promise<Prepared[]> {
  const loaded = await loadClaimed(ids);
  const out: Prepared[] = [];
  for (const row of loaded.rows) {
    try {
      out.push(await prepareOne(row, now, ctx, loaded));
    } catch (error) {
      log.error({ err: error, delivery: row.id }, "delivery could not be prepared");
      out.push({ id: row.id, action: "skip", reason: `could not be prepared: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) });
    }
  }
  return out;
}
