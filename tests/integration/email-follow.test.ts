/**
 * Follow by email without an account (double opt-in): nothing is active and nothing but one
 * confirmation mail is sent before the address owner confirms; repeated requests send no second
 * mail; the form answers the same in every case; forged, expired and replayed links change nothing.
 */
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestEmailFollowAction } from "@/lib/subscription/email/actions";
import { CONFIRMED_BY_LINK_DETAIL, confirmEmailFollow, requestEmailFollow } from "@/lib/subscription/email/mutations";
import { getConfirmView } from "@/lib/subscription/email/queries";
import { requestEmailFollowSchema } from "@/lib/subscription/email/schema";
import { EMAIL_CONSENT_TEXT_VERSION, signConfirmToken } from "@/lib/subscription/rules";
import { createPublishedCause, createUser, stamp } from "../support/factories";
import { endRateWindow } from "../support/rate-limit";

// The server action runs outside Next here: translations answer with their key, nobody is signed in.
vi.mock("next-intl/server", () => ({
  getTranslations: async () => Object.assign((key: string) => key, { has: () => true }),
  getLocale: async () => "en",
}));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const MINUTE = 60 * 1000;

/** Ten minutes pass for one address and cause (the day's count per address stays). */
const endTenMinuteWindows = (email: string, topicId: string) => endRateWindow("confirmationMail", 0, `${email}|topic:${topicId}`);

async function causeWithRef() {
  const owner = await createUser("owner");
  const cause = await createPublishedCause(owner.id);
  const ref = await db.shareRef.create({ data: { topicId: cause.id, label: "Mastodon thread", code: `masto-${stamp()}` } });
  return { cause, ref };
}

const address = () => `reader-${stamp()}@example.org`;
const mailsTo = (to: string) => db.outboxMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

function confirmLink(text: string) {
  const match = /http:\/\/localhost:3000\/email\/confirm\/(\S+)/.exec(text);
  expect(match, "the mail carries a confirmation link").not.toBeNull();
  return decodeURIComponent(match![1]);
}

async function requested(email = address()) {
  const { cause, ref } = await causeWithRef();
  await requestEmailFollow({ email, topicId: cause.id, source: `/c/${cause.slug}`, ref: ref.code, timeZone: "America/New_York", locale: "en" });
  const subscription = await db.subscription.findUniqueOrThrow({ where: { email_topicId: { email, topicId: cause.id } } });
  const [mail] = await mailsTo(email);
  return { cause, ref, email, subscription, mail, token: confirmLink(mail.text) };
}

describe("asking to follow by email", () => {
  it("creates a pending subscription, records the request and sends exactly one confirmation mail", async () => {
    const { cause, ref, email, subscription, mail } = await requested();
    expect(subscription).toMatchObject({ userId: null, channel: "email", status: "pending", emailSince: null, mailLocale: "en", timeZone: "America/New_York" });
    expect(await db.subscription.count({ where: { topicId: cause.id, status: "active" } })).toBe(0);
    expect(await mailsTo(email)).toHaveLength(1);
    expect(mail.subject).toContain(cause.title);
    expect(mail.text).toContain("localhost:3000");
    expect(mail.text).toMatch(/ignore/i);
    expect(mail.html).toContain("/email/confirm/");
    const events = await db.consentEvent.findMany({ where: { subscriptionId: subscription.id } });
    expect(events).toEqual([expect.objectContaining({ action: "request", source: `/c/${cause.slug}`, ref: ref.code, consentVersion: EMAIL_CONSENT_TEXT_VERSION })]);
  });

  it("checks the address by syntax only and stores it lower-cased", () => {
    const parsed = requestEmailFollowSchema.safeParse({ email: "  Reader@Example.ORG ", topicId: "cmabc12345678", source: "/c/x" });
    expect(parsed.success && parsed.data.email).toBe("reader@example.org");
    expect(requestEmailFollowSchema.safeParse({ email: "not-an-address", topicId: "cmabc12345678" }).success).toBe(false);
    expect(requestEmailFollowSchema.safeParse({ email: "a@b.org", topicId: "cmabc12345678", userId: "x" }).success).toBe(false);
  });

  it("sends no second mail for the same address and cause within ten minutes, and at most five a day", async () => {
    const { cause, email } = await requested();
    const now = new Date();
    const again = await requestEmailFollow({ email, topicId: cause.id, source: "/", timeZone: null, locale: "de" }, new Date(now.getTime() + 5 * MINUTE));
    expect(again.sent).toBe(false);
    expect(await mailsTo(email)).toHaveLength(1);
    await endTenMinuteWindows(email, cause.id);
    const later = await requestEmailFollow({ email, topicId: cause.id, source: "/", timeZone: null, locale: "de" }, new Date(now.getTime() + 11 * MINUTE));
    expect(later.sent).toBe(true);
    expect(await mailsTo(email)).toHaveLength(2);

    // Three more causes reach five mails today; the sixth cause gets none.
    const owner = await createUser("owner");
    for (let i = 0; i < 4; i++) {
      const other = await createPublishedCause(owner.id);
      const result = await requestEmailFollow({ email, topicId: other.id, source: "/", timeZone: null, locale: "de" });
      expect(result.sent).toBe(i < 3);
    }
    expect(await mailsTo(email)).toHaveLength(5);
  });

  it("answers the same neutral message whether a mail went out, was held back, or the address already follows", async () => {
    const { cause, email, token } = await requested();
    const form = (to: string) => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ email: to, topicId: cause.id, source: `/c/${cause.slug}`, timeZone: "Europe/Berlin" })) data.set(k, v);
      return data;
    };
    const fresh = await requestEmailFollowAction({ status: "idle" }, form(address()));
    const held = await requestEmailFollowAction({ status: "idle" }, form(email));
    await confirmEmailFollow(token);
    const active = await requestEmailFollowAction({ status: "idle" }, form(email.toUpperCase()));
    expect(fresh).toEqual({ status: "ok", message: "checkInbox" });
    expect(held).toEqual(fresh);
    expect(active).toEqual(fresh);
    expect(await mailsTo(email)).toHaveLength(1); // an active address gets no mail
  });

  it("refuses drafts and unknown causes", async () => {
    const owner = await createUser("owner");
    const draft = await db.topic.create({ data: { slug: `draft-${stamp()}`, title: "Draft", ownerId: owner.id } });
    const email = address();
    await expect(requestEmailFollow({ email, topicId: draft.id, source: "/", timeZone: null, locale: "de" })).rejects.toMatchObject({ key: "notFound" });
    expect(await db.subscription.count({ where: { email } })).toBe(0);
  });
});

describe("confirming", () => {
  it("activates delivery with emailSince and a confirm event carrying the request's page, ref and text version", async () => {
    const { cause, ref, subscription, token } = await requested();
    expect(await getConfirmView(token)).toMatchObject({ state: "ready", address: subscription.email });
    // Opening the page (GET) changed nothing.
    expect((await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).status).toBe("pending");

    expect(await confirmEmailFollow(token)).toEqual({ status: "confirmed", subscriptionId: subscription.id });
    const confirmed = await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    expect(confirmed).toMatchObject({ status: "active", channel: "email", confirmNonce: null, bouncedAt: null });
    expect(confirmed.emailSince).toBeInstanceOf(Date);
    const confirm = await db.consentEvent.findFirstOrThrow({ where: { subscriptionId: subscription.id, action: "confirm" } });
    expect(confirm).toMatchObject({ source: `/c/${cause.slug}`, ref: ref.code, consentVersion: EMAIL_CONSENT_TEXT_VERSION, detail: CONFIRMED_BY_LINK_DETAIL, verifiedSignIn: false });
    // The share link is credited with one follow, on confirmation only.
    const days = await db.shareRefDay.findMany({ where: { refId: ref.id } });
    expect(days.reduce((sum, d) => sum + d.follows, 0)).toBe(1);
  });

  it("refuses a replayed link and changes nothing", async () => {
    const { subscription, token } = await requested();
    await confirmEmailFollow(token);
    const before = await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    expect(await confirmEmailFollow(token)).toEqual({ status: "used", subscriptionId: subscription.id });
    expect(await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).toEqual(before);
    expect(await db.consentEvent.count({ where: { subscriptionId: subscription.id, action: "confirm" } })).toBe(1);
    expect(await getConfirmView(token)).toMatchObject({ state: "used", preferencesPath: expect.stringMatching(/^\/email\/preferences\//) });
  });

  it("refuses a link replaced by a newer mail", async () => {
    const { cause, email, subscription, token } = await requested();
    await endTenMinuteWindows(email, cause.id);
    await requestEmailFollow({ email, topicId: cause.id, source: "/", timeZone: null, locale: "en" }, new Date(Date.now() + 11 * MINUTE));
    expect(await confirmEmailFollow(token)).toMatchObject({ status: "used" });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).status).toBe("pending");
  });

  it("refuses forged and expired links and changes nothing", async () => {
    const { cause, subscription, token } = await requested();
    const forged = token.slice(0, -3) + (token.endsWith("AAA") ? "BBB" : "AAA");
    expect(await confirmEmailFollow(forged)).toEqual({ status: "invalid" });
    expect(await getConfirmView(forged)).toEqual({ state: "invalid" });
    expect(await confirmEmailFollow("nonsense")).toEqual({ status: "invalid" });

    const nonce = (await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).confirmNonce!;
    const old = signConfirmToken(subscription.id, nonce, env.AUTH_SECRET, new Date(Date.now() - 8 * 24 * 60 * MINUTE));
    expect(await confirmEmailFollow(old)).toEqual({ status: "expired", subscriptionId: subscription.id });
    expect(await getConfirmView(old)).toMatchObject({ state: "expired", target: { href: `/c/${cause.slug}` } });

    const after = await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    expect(after).toMatchObject({ status: "pending", emailSince: null, confirmNonce: nonce });
    expect(await db.consentEvent.count({ where: { subscriptionId: subscription.id } })).toBe(1);
  });
});
