/**
 * Signed-in readers switch a subscription to "also by email": a verified sign-in address counts as
 * confirmed (no mail), an unverified one gets the confirmation mail first; switching back is a
 * preferences entry. After leaving, the optional reason is counted per cause and month, once per
 * left subscription, and never linked to the reader.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { confirmEmailFollow, setEmailChannel, VERIFIED_SIGN_IN_DETAIL } from "@/lib/subscription/email/mutations";
import { recordLeaveReason } from "@/lib/subscription/email/preferences";
import { canAskLeaveReason } from "@/lib/subscription/email/queries";
import { leaveReasonSchema } from "@/lib/subscription/email/schema";
import { followCause, leaveByToken } from "@/lib/subscription/mutations";
import { EMAIL_CONSENT_TEXT_VERSION, signLeaveToken } from "@/lib/subscription/rules";
import { createPublishedCause, createUser } from "../support/factories";

async function followingReader(verified: boolean) {
  const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
  if (verified) await db.user.update({ where: { id: reader.id }, data: { emailVerified: new Date() } });
  const cause = await createPublishedCause(owner.id);
  const subscription = await followCause(reader, { topicId: cause.id, source: `/c/${cause.slug}` });
  return { reader, cause, subscription };
}

const reload = (id: string) => db.subscription.findUniqueOrThrow({ where: { id } });

describe("also by email, signed in", () => {
  it("uses a verified sign-in address as confirmed: emailSince and a confirm event, no mail", async () => {
    const { reader, cause, subscription } = await followingReader(true);
    // The browser sends its zone: mails follow the reader's clock from the start.
    const result = await setEmailChannel(reader, { subscriptionId: subscription.id, channel: "email", source: `/c/${cause.slug}`, timeZone: "America/New_York" }, "en");
    expect(result).toEqual({ outcome: "email" });
    const after = await reload(subscription.id);
    expect(after).toMatchObject({ channel: "email", status: "active", userId: reader.id, email: null, timeZone: "America/New_York" });
    expect(after.emailSince).toBeInstanceOf(Date);
    expect(await db.consentEvent.findFirst({ where: { subscriptionId: subscription.id, action: "confirm" } })).toMatchObject({
      detail: VERIFIED_SIGN_IN_DETAIL,
      verifiedSignIn: true,
      source: `/c/${cause.slug}`,
      consentVersion: EMAIL_CONSENT_TEXT_VERSION,
    });
    expect(await db.outboxMail.count({ where: { to: reader.email! } })).toBe(0);
    // Twice is no change.
    expect(await setEmailChannel(reader, { subscriptionId: subscription.id, channel: "email", source: "/" }, "en")).toEqual({ outcome: "unchanged" });

    expect(await setEmailChannel(reader, { subscriptionId: subscription.id, channel: "web", source: "/subscriptions" }, "en")).toEqual({ outcome: "web" });
    expect(await reload(subscription.id)).toMatchObject({ channel: "web", emailSince: null, status: "active" });
    // Mails on again from another device: the zone the reader has keeps.
    expect(await setEmailChannel(reader, { subscriptionId: subscription.id, channel: "email", source: "/", timeZone: "Asia/Tokyo" }, "en")).toEqual({ outcome: "email" });
    expect(await reload(subscription.id)).toMatchObject({ timeZone: "America/New_York" });
    expect(await setEmailChannel(reader, { subscriptionId: subscription.id, channel: "web", source: "/subscriptions" }, "en")).toEqual({ outcome: "web" });
    expect(await db.consentEvent.findFirst({ where: { subscriptionId: subscription.id, action: "preferences" } })).toMatchObject({ detail: "channel=web", source: "/subscriptions" });
  });

  it("sends an unverified address the confirmation mail first; nothing is mailed before it is confirmed", async () => {
    const { reader, subscription } = await followingReader(false);
    expect(await setEmailChannel(reader, { subscriptionId: subscription.id, channel: "email", source: "/subscriptions", timeZone: "Asia/Tokyo" }, "de")).toEqual({ outcome: "confirmationSent" });
    const pending = await reload(subscription.id);
    expect(pending).toMatchObject({ channel: "email", emailSince: null, status: "active", timeZone: "Asia/Tokyo" });
    const [mail] = await db.outboxMail.findMany({ where: { to: reader.email! } });
    const token = decodeURIComponent(/\/email\/confirm\/(\S+)/.exec(mail.text)![1]);
    expect(await confirmEmailFollow(token)).toMatchObject({ status: "confirmed" });
    expect((await reload(subscription.id)).emailSince).toBeInstanceOf(Date);
    expect(await db.consentEvent.findFirst({ where: { subscriptionId: subscription.id, action: "confirm" } })).toMatchObject({ source: "/subscriptions" });
  });

  it("only ever changes the actor's own subscription", async () => {
    const { subscription } = await followingReader(true);
    const stranger = await createUser("stranger");
    await expect(setEmailChannel(stranger, { subscriptionId: subscription.id, channel: "email", source: "/" }, "en")).rejects.toMatchObject({ key: "notFound" });
    expect((await reload(subscription.id)).channel).toBe("web");
  });
});

describe("why readers left", () => {
  it("counts one answer per left subscription, per cause and month, without linking it to anybody", async () => {
    const { cause, subscription } = await followingReader(true);
    const token = signLeaveToken(subscription.id, env.AUTH_SECRET);
    // Not yet left: there is nothing to ask.
    expect(await canAskLeaveReason(token)).toBe(false);
    expect(await recordLeaveReason(token, "tooMany")).toEqual({ recorded: false });

    await leaveByToken(token, "/leave");
    expect(await canAskLeaveReason(token)).toBe(true);
    expect(await recordLeaveReason(token, "tooMany")).toEqual({ recorded: true });
    expect(await recordLeaveReason(token, "other")).toEqual({ recorded: false });
    expect(await canAskLeaveReason(token)).toBe(false);

    // A second reader of the same cause adds to the same count.
    const other = await createUser();
    const second = await followCause(other, { topicId: cause.id, source: "/" });
    const secondToken = signLeaveToken(second.id, env.AUTH_SECRET);
    await leaveByToken(secondToken, "/leave");
    await recordLeaveReason(secondToken, "tooMany");

    const rows = await db.leaveReasonCount.findMany({ where: { scope: `topic:${cause.id}` } });
    expect(rows).toEqual([{ id: expect.any(String), scope: `topic:${cause.id}`, reason: "tooMany", month: new Date().toISOString().slice(0, 7), count: 2 }]);
    // The ledger of the reader says nothing about the answer.
    const events = await db.consentEvent.findMany({ where: { subscriptionId: subscription.id } });
    expect(events.map((e) => e.detail ?? "").join(" ")).not.toMatch(/tooMany/);
  });

  it("refuses a forged token and unknown reasons", async () => {
    const { subscription } = await followingReader(false);
    await expect(recordLeaveReason(`${subscription.id}.${"A".repeat(32)}`, "other")).rejects.toMatchObject({ key: "invalidLink" });
    expect(leaveReasonSchema.safeParse({ token: "x", reason: "spam" }).success).toBe(false);
    expect(await db.leaveReasonCount.count({ where: { scope: `topic:${subscription.topicId}` } })).toBe(0);
  });
});
