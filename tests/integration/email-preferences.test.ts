/**
 * The reader's email settings and consent ledger: every change is one ledger entry naming what
 * changed; bad input (time zone, quiet hours, pause date, smuggled fields) changes nothing; the
 * ledger downloads as JSON; a bounce can be resumed; an expired link offers a fresh one by mail.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import * as ledgerRoute from "@/app/api/subscriptions/ledger/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { confirmEmailFollow, requestEmailFollow } from "@/lib/subscription/email/mutations";
import { resumeEmailDelivery, sendFreshPreferencesLink, updateEmailPreferences } from "@/lib/subscription/email/preferences";
import { getPreferencesView } from "@/lib/subscription/email/queries";
import { emailPreferencesSchema, preferencesByTokenSchema } from "@/lib/subscription/email/schema";
import { leaveByToken } from "@/lib/subscription/mutations";
import { EMAIL_CONSENT_TEXT_VERSION, signLeaveToken, signPreferencesToken, signConfirmToken } from "@/lib/subscription/rules";
import { createPublishedCause, createUser, stamp } from "../support/factories";

// Nobody is signed in here: the signed-in download (?id=) must answer 404.
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => null }));

const DAY = 24 * 60 * 60 * 1000;

async function confirmedSubscription() {
  const owner = await createUser("owner");
  const cause = await createPublishedCause(owner.id);
  const email = `reader-${stamp()}@example.org`;
  await requestEmailFollow({ email, topicId: cause.id, source: `/c/${cause.slug}`, timeZone: "Europe/Berlin", locale: "de" });
  const pending = await db.subscription.findUniqueOrThrow({ where: { email_topicId: { email, topicId: cause.id } } });
  await confirmEmailFollow(signConfirmToken(pending.id, pending.confirmNonce!, env.AUTH_SECRET));
  return { cause, email, subscription: await db.subscription.findUniqueOrThrow({ where: { id: pending.id } }) };
}

/** The form as the settings page sends it (current values unless overridden). */
function form(overrides: Record<string, string | undefined> = {}) {
  const values: Record<string, string | undefined> = {
    kindNews: "on", kindEvent: "on", kindCall: "on", cadence: "instant", weekday: "1",
    timeZone: "Europe/Berlin", quietStart: "22:00", quietEnd: "07:00", pausedUntil: "", mailLocale: "de", ...overrides,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

const parse = (overrides: Record<string, string | undefined> = {}) => emailPreferencesSchema.parse(form(overrides));
const preferenceEvents = (subscriptionId: string) => db.consentEvent.findMany({ where: { subscriptionId, action: "preferences" } });
const reload = (id: string) => db.subscription.findUniqueOrThrow({ where: { id } });

describe("email preferences", () => {
  it("records one event listing exactly what changed, and none when nothing changed", async () => {
    const { subscription } = await confirmedSubscription();
    const owner = { subscriptionId: subscription.id };
    expect(await updateEmailPreferences(owner, parse(), "/email/preferences")).toEqual({ changed: false });
    expect(await preferenceEvents(subscription.id)).toHaveLength(0);

    const result = await updateEmailPreferences(owner, parse({ cadence: "daily", quietStart: "21:00", quietEnd: "06:30", timeZone: "america/new_york", kindCall: undefined }), "/email/preferences");
    expect(result).toEqual({ changed: true, detail: "kinds=news,event; cadence=daily; timeZone=America/New_York; quietHours=21:00-06:30" });
    expect(await reload(subscription.id)).toMatchObject({ cadence: "daily", quietStart: 1260, quietEnd: 390, timeZone: "America/New_York", kinds: "news,event" });
    const events = await preferenceEvents(subscription.id);
    expect(events).toEqual([expect.objectContaining({ detail: result.detail, source: "/email/preferences", consentVersion: EMAIL_CONSENT_TEXT_VERSION })]);

    await updateEmailPreferences(owner, parse({ cadence: "daily", quietStart: "", quietEnd: "", timeZone: "America/New_York", kindCall: undefined }), "/x");
    expect((await preferenceEvents(subscription.id)).map((e) => e.detail)).toContain("quietHours=none");
  });

  it("refuses an unknown time zone with a field error and changes nothing", async () => {
    for (const timeZone of ["Mars/Olympus", "Europe/Berln", "+01:00", "", "Europe/Berlin; drop"]) {
      const parsed = emailPreferencesSchema.safeParse(form({ timeZone }));
      expect(parsed.success, timeZone).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({ path: ["timeZone"], message: "timeZoneInvalid" });
    }
  });

  it("refuses quiet hours with one end only, equal ends or bad times", () => {
    const issue = (overrides: Record<string, string>) => emailPreferencesSchema.safeParse(form(overrides)).error?.issues[0];
    expect(issue({ quietStart: "22:00", quietEnd: "" })).toMatchObject({ path: ["quietStart"], message: "quietBoth" });
    expect(issue({ quietStart: "", quietEnd: "07:00" })).toMatchObject({ message: "quietBoth" });
    expect(issue({ quietStart: "08:00", quietEnd: "08:00" })).toMatchObject({ message: "quietSame" });
    expect(issue({ quietStart: "25:00", quietEnd: "07:00" })).toMatchObject({ path: ["quietStart"], message: "timeInvalid" });
    expect(emailPreferencesSchema.safeParse(form({ quietStart: "", quietEnd: "" })).success).toBe(true);
  });

  it("refuses a pause in the past or more than a year ahead, and changes nothing", async () => {
    const { subscription } = await confirmedSubscription();
    const owner = { subscriptionId: subscription.id };
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    await expect(updateEmailPreferences(owner, parse({ pausedUntil: day(-1), cadence: "weekly" }), "/")).rejects.toMatchObject({ key: "pauseInPast", field: "pausedUntil" });
    await expect(updateEmailPreferences(owner, parse({ pausedUntil: day(400) }), "/")).rejects.toMatchObject({ key: "pauseTooLong", field: "pausedUntil" });
    expect(await reload(subscription.id)).toEqual(subscription);
    expect(await preferenceEvents(subscription.id)).toHaveLength(0);

    const ok = await updateEmailPreferences(owner, parse({ pausedUntil: day(10) }), "/");
    expect(ok.detail).toMatch(/^pausedUntil=\d{4}-\d{2}-\d{2}T/);
    expect((await reload(subscription.id)).pausedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Saving again with the same day is no change; clearing the date resumes.
    expect(await updateEmailPreferences(owner, parse({ pausedUntil: day(10) }), "/")).toEqual({ changed: false });
    expect((await updateEmailPreferences(owner, parse(), "/")).detail).toBe("pausedUntil=none");
  });

  it("refuses a smuggled userId or email, and asks for at least one kind", () => {
    expect(preferencesByTokenSchema.safeParse({ ...form(), token: "t", userId: "someone" }).success).toBe(false);
    expect(preferencesByTokenSchema.safeParse({ ...form(), token: "t", email: "attacker@example.org" }).success).toBe(false);
    const none = emailPreferencesSchema.safeParse(form({ kindNews: undefined, kindEvent: undefined, kindCall: undefined }));
    expect(none.error!.issues[0]).toMatchObject({ path: ["kinds"], message: "kindsRequired" });
  });

  it("only lets a signed-in reader change their own subscription", async () => {
    const { subscription } = await confirmedSubscription();
    const stranger = await createUser("stranger");
    await expect(updateEmailPreferences({ subscriptionId: subscription.id, userId: stranger.id }, parse({ cadence: "daily" }), "/")).rejects.toMatchObject({ key: "notFound" });
    expect((await reload(subscription.id)).cadence).toBe("instant");
  });

  it("shows a bounce and lets the reader resume, with a ledger entry", async () => {
    const { subscription } = await confirmedSubscription();
    await db.subscription.update({ where: { id: subscription.id }, data: { bouncedAt: new Date(), bounceReason: "550 mailbox unavailable" } });
    const view = await getPreferencesView(signPreferencesToken(subscription.id, env.AUTH_SECRET));
    expect(view.state === "ok" && view.subscription.bounceReason).toBe("550 mailbox unavailable");
    expect(await resumeEmailDelivery({ subscriptionId: subscription.id }, "/email/preferences")).toEqual({ changed: true });
    expect(await reload(subscription.id)).toMatchObject({ bouncedAt: null, bounceReason: null });
    expect((await preferenceEvents(subscription.id)).map((e) => e.detail)).toEqual(["delivery=resumed"]);
  });

  it("tells forged from expired links, and mails a fresh link at most once in six hours", async () => {
    const { subscription, email } = await confirmedSubscription();
    const expired = signPreferencesToken(subscription.id, env.AUTH_SECRET, new Date(Date.now() - 61 * DAY));
    expect(await getPreferencesView(expired)).toEqual({ state: "expired" });
    expect(await getPreferencesView(expired.replace(/.{4}$/, "AAAA"))).toEqual({ state: "invalid" });
    expect(await getPreferencesView("garbage")).toEqual({ state: "invalid" });

    // The confirmation mail itself was sent moments ago; six hours later a fresh link may go out,
    // and then none for six hours (an old forwarded mail cannot flood the reader).
    const later = new Date(Date.now() + 6 * 60 * 60 * 1000 + 60 * 1000);
    expect(await sendFreshPreferencesLink(subscription.id, later)).toEqual({ sent: true });
    expect(await sendFreshPreferencesLink(subscription.id, new Date(later.getTime() + 5 * 60 * 60 * 1000))).toEqual({ sent: false });
    const mails = await db.outboxMail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toMatch(/http:\/\/localhost:3000\/email\/preferences\/\S+/);
  });
});

describe("the consent ledger", () => {
  it("records request → confirm → preferences → leave with pages and text versions, and downloads as JSON", async () => {
    const { subscription, email, cause } = await confirmedSubscription();
    await updateEmailPreferences({ subscriptionId: subscription.id }, parse({ cadence: "weekly", weekday: "5" }), "/email/preferences");
    const prefsToken = signPreferencesToken(subscription.id, env.AUTH_SECRET);

    const response = await ledgerRoute.GET(new NextRequest(`http://localhost:3000/api/subscriptions/ledger?token=${prefsToken}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="herzensthema-consent-.+\.json"$/);
    expect(response.headers.get("content-type")).toContain("application/json");
    await leaveByToken(signLeaveToken(subscription.id, env.AUTH_SECRET), "/leave");

    const after = await ledgerRoute.GET(new NextRequest(`http://localhost:3000/api/subscriptions/ledger?token=${prefsToken}`));
    const body = await after.json();
    expect(body.subscription).toMatchObject({
      address: email,
      target: { kind: "cause", title: cause.title, url: `/c/${cause.slug}` },
      status: "left",
      channel: "email",
      preferences: { cadence: "weekly", weekday: 5, timeZone: "Europe/Berlin", kinds: ["news", "event", "call"] },
    });
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(["request", "confirm", "preferences", "leave"]);
    expect(body.events[0]).toMatchObject({ source: `/c/${cause.slug}`, consentVersion: EMAIL_CONSENT_TEXT_VERSION });
    expect(body.events[1]).toMatchObject({ source: `/c/${cause.slug}`, consentVersion: EMAIL_CONSENT_TEXT_VERSION });
    expect(body.events[2]).toMatchObject({ detail: "cadence=weekly; weekday=5", source: "/email/preferences" });
    expect(body.events[3]).toMatchObject({ source: "/leave", consentVersion: EMAIL_CONSENT_TEXT_VERSION });
    expect(JSON.stringify(body)).not.toMatch(/\bip\b|ipAddress|\d+\.\d+\.\d+\.\d+/i);
  });

  it("gives nothing for a forged token or without one", async () => {
    const { subscription } = await confirmedSubscription();
    const forged = signPreferencesToken(subscription.id, "another-secret-that-is-long-enough-0000");
    for (const query of [`?token=${forged}`, "", `?id=${subscription.id}`]) {
      const response = await ledgerRoute.GET(new NextRequest(`http://localhost:3000/api/subscriptions/ledger${query}`));
      expect(response.status, query).toBe(404);
    }
  });
});
