/**
 * Readers decide what arrives and when: quiet hours in their own time zone (across DST), daily and
 * weekly digests only when something is new and on the chosen weekday, the kinds they chose,
 * nothing while paused, nothing after leaving, nothing before confirming; group followers get
 * their group's member causes.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sendDue } from "@/lib/delivery/dispatch";
import { planDeliveries } from "@/lib/delivery/plan";
import { runPass } from "@/lib/delivery/worker";
import { deliveryCause, followByEmail, publish, withMailSink } from "../support/delivery";
import { stamp } from "../support/factories";

const { mailer, inbox } = withMailSink();

const at = (iso: string) => new Date(iso);
const deliveriesOf = (subscriptionId: string) => db.delivery.findMany({ where: { subscriptionId }, orderBy: { createdAt: "asc" } });
const NIGHT = { quietStart: 22 * 60, quietEnd: 7 * 60 };

describe("quiet hours and time zones", () => {
  it("Berlin spring-forward night: published 23:30 CET, arrives 07:00 CEST", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, ...NIGHT });
    await publish(cause.id, at("2026-03-28T22:30:00Z"));
    await runPass({ mailer, now: at("2026-03-28T22:31:00Z") });
    const [row] = await deliveriesOf(sub.id);
    expect(row.dueAt).toEqual(at("2026-03-29T05:00:00Z"));
    expect(inbox(sub.email!)).toHaveLength(0);
    await runPass({ mailer, now: at("2026-03-29T04:59:00Z") });
    expect(inbox(sub.email!)).toHaveLength(0);
    await runPass({ mailer, now: at("2026-03-29T05:00:00Z") });
    expect(inbox(sub.email!)).toHaveLength(1);
  });

  it("Berlin fall-back night and Los Angeles each wake at their own 07:00", async () => {
    const cause = await deliveryCause();
    const berlin = await followByEmail({ topicId: cause.id, ...NIGHT });
    const la = await followByEmail({ topicId: cause.id, timeZone: "America/Los_Angeles", ...NIGHT });
    await publish(cause.id, at("2026-10-24T21:00:00Z")); // 23:00 CEST, 14:00 PDT
    await planDeliveries(at("2026-10-24T21:01:00Z"));
    expect((await deliveriesOf(berlin.id))[0].dueAt).toEqual(at("2026-10-25T06:00:00Z")); // 07:00 CET
    expect((await deliveriesOf(la.id))[0].dueAt).toEqual(at("2026-10-24T21:00:00Z")); // not quiet in LA
  });

  it("quiet hours chosen after planning still hold at send time", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id });
    await publish(cause.id, at("2031-05-05T21:00:00Z"));
    await planDeliveries(at("2031-05-05T21:01:00Z"));
    await db.subscription.update({ where: { id: sub.id }, data: NIGHT });
    await sendDue({ mailer, now: at("2031-05-05T21:02:00Z") });
    expect(inbox(sub.email!)).toHaveLength(0);
    expect((await deliveriesOf(sub.id))[0]).toMatchObject({ status: "pending", attempts: 0, dueAt: at("2031-05-06T05:00:00Z") });
  });
});

describe("digests", () => {
  it("daily: only when something is new, once per period, in the reader's language", async () => {
    const cause = await deliveryCause("Stadtgarten");
    const sub = await followByEmail({ topicId: cause.id, cadence: "daily", mailLocale: "en", ...NIGHT });
    await runPass({ mailer, now: at("2031-06-02T08:00:00Z") });
    expect(await deliveriesOf(sub.id)).toHaveLength(0);

    await publish(cause.id, at("2031-06-02T09:00:00Z"), { title: "Seeds are here" });
    await publish(cause.id, at("2031-06-02T15:00:00Z"), { title: "Watering rota" });
    await runPass({ mailer, now: at("2031-06-02T18:00:00Z") }); // the day is not over yet
    expect(await deliveriesOf(sub.id)).toHaveLength(0);

    await runPass({ mailer, now: at("2031-06-03T04:00:00Z") }); // 06:00 Berlin: planned, still quiet
    const [row] = await deliveriesOf(sub.id);
    expect(row).toMatchObject({ key: "d:2031-06-03", status: "pending", dueAt: at("2031-06-03T05:00:00Z") });
    await runPass({ mailer, now: at("2031-06-03T05:00:00Z") });
    await runPass({ mailer, now: at("2031-06-04T08:00:00Z") }); // nothing new on the 3rd
    expect(await deliveriesOf(sub.id)).toHaveLength(1);
    await publish(cause.id, at("2031-06-04T12:00:00Z"), { title: "Harvest" });
    // 00:30 local, half an hour after the period ended: the next digest is planned at once.
    await planDeliveries(at("2031-06-04T22:30:00Z"));
    expect((await deliveriesOf(sub.id)).map((d) => d.key)).toEqual(["d:2031-06-03", "d:2031-06-05"]);
    const mails = inbox(sub.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Stadtgarten: your daily digest (2 updates)");
    expect(mails[0].text).toContain("Seeds are here");
    expect(mails[0].text).toContain("Watering rota");
    expect(mails[0].text).toContain("You chose a daily digest.");
  });

  it("weekly: arrives on the chosen weekday with the week's updates", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, cadence: "weekly", weekday: 3 }); // Wednesdays
    await publish(cause.id, at("2031-07-03T10:00:00Z")); // Thursday
    await runPass({ mailer, now: at("2031-07-07T10:00:00Z") }); // Monday: the week is not complete
    expect(await deliveriesOf(sub.id)).toHaveLength(0);
    await runPass({ mailer, now: at("2031-07-09T06:00:00Z") }); // Wednesday
    const rows = await deliveriesOf(sub.id);
    expect(rows).toMatchObject([{ key: "w:2031-07-09", status: "sent" }]);
    expect(inbox(sub.email!)[0].subject).toMatch(/Wochenüberblick \(1 Neuigkeit\)/);
  });
});

describe("what the reader chose", () => {
  it("kinds: only chosen kinds are planned; a kind dropped after planning is skipped", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, kinds: "event" });
    await publish(cause.id, at("2031-08-04T10:00:00Z"), { kind: "news" });
    const event = await publish(cause.id, at("2031-08-04T10:00:00Z"), { kind: "event" });
    await planDeliveries(at("2031-08-04T10:01:00Z"));
    expect((await deliveriesOf(sub.id)).map((d) => d.key)).toEqual([`u:${event.id}`]);
    await db.subscription.update({ where: { id: sub.id }, data: { kinds: "news" } });
    await sendDue({ mailer, now: at("2031-08-04T10:02:00Z") });
    expect((await deliveriesOf(sub.id))[0].status).toBe("skipped");
    expect(inbox(sub.email!)).toHaveLength(0);
  });

  it("pause: nothing during it, not even afterwards for what was published meanwhile; resumes by itself", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, pausedUntil: at("2031-09-03T00:00:00Z") });
    await publish(cause.id, at("2031-09-01T10:00:00Z"));
    await runPass({ mailer, now: at("2031-09-01T10:01:00Z") });
    await runPass({ mailer, now: at("2031-09-03T10:00:00Z") });
    expect(await deliveriesOf(sub.id)).toHaveLength(0);
    const later = await publish(cause.id, at("2031-09-03T11:00:00Z"));
    await runPass({ mailer, now: at("2031-09-03T11:01:00Z") });
    expect(await deliveriesOf(sub.id)).toMatchObject([{ key: `u:${later.id}`, status: "sent" }]);
    expect(inbox(sub.email!)).toHaveLength(1);
  });

  it("left, pending and bounced subscriptions get nothing; leaving after planning skips the mail", async () => {
    const cause = await deliveryCause();
    const left = await followByEmail({ topicId: cause.id, status: "left" });
    const pending = await followByEmail({ topicId: cause.id, status: "pending", emailSince: null });
    const leaving = await followByEmail({ topicId: cause.id });
    await publish(cause.id, at("2031-10-01T10:00:00Z"));
    await planDeliveries(at("2031-10-01T10:01:00Z"));
    expect(await deliveriesOf(left.id)).toHaveLength(0);
    expect(await deliveriesOf(pending.id)).toHaveLength(0);
    await db.subscription.update({ where: { id: leaving.id }, data: { status: "left", leftAt: at("2031-10-01T10:01:30Z") } });
    await sendDue({ mailer, now: at("2031-10-01T10:02:00Z") });
    expect(await deliveriesOf(leaving.id)).toMatchObject([{ status: "skipped", lastError: "subscription left" }]);
    for (const s of [left, pending, leaving]) expect(inbox(s.email!)).toHaveLength(0);
  });

  it("a group follower gets its member causes' updates; partner news only when chosen", async () => {
    const a = await deliveryCause();
    const b = await deliveryCause();
    const group = await db.partnerGroup.create({
      data: { slug: `group-${stamp()}`, name: "Grüne Stadt", concern: "Green", adminTopicId: a.id, memberships: { create: [{ topicId: a.id }, { topicId: b.id }] } },
    });
    const viaGroup = await followByEmail({ groupId: group.id });
    const withPartners = await followByEmail({ topicId: a.id, partnerNews: true });
    const withoutPartners = await followByEmail({ topicId: a.id });
    const update = await publish(b.id, at("2031-11-03T10:00:00Z"));
    await runPass({ mailer, now: at("2031-11-03T10:01:00Z") });
    expect(await deliveriesOf(viaGroup.id)).toMatchObject([{ key: `u:${update.id}`, status: "sent" }]);
    expect(await deliveriesOf(withPartners.id)).toMatchObject([{ key: `u:${update.id}`, status: "sent" }]);
    expect(await deliveriesOf(withoutPartners.id)).toHaveLength(0);
    const [mail] = inbox(viaGroup.email!);
    expect(mail.text).toContain("für Grüne Stadt bestätigt");
    expect(mail.headers.get("list-id")).toContain(`<${group.slug}.g.localhost>`);
  });
});
