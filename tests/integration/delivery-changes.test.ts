/**
 * A reader changes their mind, and the worker follows: ending a pause does not mail what was
 * published during it; switching cadence never mails an update twice (alone and in a digest);
 * partner news switched off after planning is not sent; a new weekday still gets its digest.
 * Preferences change through the same function the settings page uses.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runPass } from "@/lib/delivery/worker";
import { updateEmailPreferences } from "@/lib/subscription/email/preferences";
import type { EmailPreferencesInput } from "@/lib/subscription/email/schema";
import { deliveryCause, followByEmail, publish, withMailSink } from "../support/delivery";
import { stamp } from "../support/factories";

const { mailer, inbox } = withMailSink();

const at = (iso: string) => new Date(iso);
const deliveriesOf = (subscriptionId: string) => db.delivery.findMany({ where: { subscriptionId }, orderBy: { createdAt: "asc" } });

/** The settings form as a reader would submit it: everything on, no quiet hours, no pause. */
const settings = (overrides: Partial<EmailPreferencesInput> = {}): EmailPreferencesInput => ({
  kindNews: "on",
  kindEvent: "on",
  kindCall: "on",
  partnerNews: undefined,
  cadence: "instant",
  weekday: 1,
  timeZone: "Europe/Berlin",
  quietStart: "",
  quietEnd: "",
  pausedUntil: "",
  mailLocale: "en",
  ...overrides,
});
const save = (subscriptionId: string, input: EmailPreferencesInput, now: Date) =>
  updateEmailPreferences({ subscriptionId }, input, "/email/preferences", now);

describe("a reader changes their mind", () => {
  it("ending a pause early does not mail what was published during it; later updates arrive", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, mailLocale: "en", pausedUntil: at("2032-01-10T00:00:00Z") });
    const during = await publish(cause.id, at("2032-01-05T10:00:00Z"), { title: `During the pause ${stamp()}` });
    await runPass({ mailer, now: at("2032-01-05T10:01:00Z") });
    expect(await deliveriesOf(sub.id)).toHaveLength(0);

    // The reader empties the date field: the pause ends now, and stays on record as ended.
    expect(await save(sub.id, settings(), at("2032-01-06T09:00:00Z"))).toMatchObject({ changed: true });
    const saved = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(saved.pausedUntil).toEqual(at("2032-01-06T09:00:00Z"));
    // A later save of something else leaves the ended pause as it was.
    await save(sub.id, settings({ quietStart: "22:00", quietEnd: "07:00" }), at("2032-01-06T09:01:00Z"));
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).pausedUntil).toEqual(at("2032-01-06T09:00:00Z"));

    const after = await publish(cause.id, at("2032-01-06T10:00:00Z"), { title: `After the pause ${stamp()}` });
    await runPass({ mailer, now: at("2032-01-06T10:01:00Z") });
    const rows = await deliveriesOf(sub.id);
    expect(rows.map((r) => r.key)).toEqual([`u:${after.id}`]);
    expect(rows.some((r) => r.key === `u:${during.id}`)).toBe(false);
    expect(inbox(sub.email!).map((m) => m.subject)).toEqual([expect.stringContaining("After the pause")]);
  });

  it("switching cadence never mails an update twice: not alone and then again in the digest", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, mailLocale: "en" });
    const first = await publish(cause.id, at("2032-02-02T08:00:00Z"), { title: `Morning news ${stamp()}` });
    await runPass({ mailer, now: at("2032-02-02T08:01:00Z") });
    expect(inbox(sub.email!)).toHaveLength(1);

    // Instant → daily at noon: the daily digest for that day holds only what came after the switch.
    await save(sub.id, settings({ cadence: "daily" }), at("2032-02-02T12:00:00Z"));
    const second = await publish(cause.id, at("2032-02-02T14:00:00Z"), { title: `Afternoon news ${stamp()}` });
    await runPass({ mailer, now: at("2032-02-03T08:00:00Z") });
    const mails = inbox(sub.email!);
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain(second.title);
    expect(mails[1].text).not.toContain(first.title);

    // Daily → instant: what was waiting for the digest is not mailed alone afterwards; new updates are.
    const waiting = await publish(cause.id, at("2032-02-03T09:00:00Z"), { title: `Waiting for the digest ${stamp()}` });
    await save(sub.id, settings({ cadence: "instant" }), at("2032-02-03T10:00:00Z"));
    const next = await publish(cause.id, at("2032-02-03T11:00:00Z"), { title: `Right away ${stamp()}` });
    await runPass({ mailer, now: at("2032-02-03T11:01:00Z") });
    const keys = (await deliveriesOf(sub.id)).map((r) => r.key);
    expect(keys).toContain(`u:${next.id}`);
    expect(keys).not.toContain(`u:${waiting.id}`);
    expect(inbox(sub.email!).map((m) => m.subject)).toEqual([
      expect.stringContaining("Morning news"),
      expect.anything(),
      expect.stringContaining("Right away"),
    ]);
  });

  it("partner news switched off after a mail was planned is not sent", async () => {
    const a = await deliveryCause();
    const b = await deliveryCause();
    await db.partnerGroup.create({
      data: { slug: `group-${stamp()}`, name: "Partners", concern: "Shared", adminTopicId: a.id, memberships: { create: [{ topicId: a.id }, { topicId: b.id }] } },
    });
    const sub = await followByEmail({ topicId: a.id, partnerNews: true, quietStart: 22 * 60, quietEnd: 7 * 60 });
    await publish(b.id, at("2032-04-05T21:00:00Z")); // 23:00 in Berlin: waits for 07:00
    await runPass({ mailer, now: at("2032-04-05T21:01:00Z") });
    expect(await deliveriesOf(sub.id)).toMatchObject([{ status: "pending" }]);

    await save(sub.id, settings({ partnerNews: undefined, quietStart: "22:00", quietEnd: "07:00" }), at("2032-04-05T21:30:00Z"));
    await runPass({ mailer, now: at("2032-04-06T05:00:00Z") });
    expect(await deliveriesOf(sub.id)).toMatchObject([{ status: "skipped", lastError: "cause no longer followed by this subscription" }]);
    expect(inbox(sub.email!)).toHaveLength(0);
  });

  it("a new weekday still gets its weekly digest, even right after the old one", async () => {
    const cause = await deliveryCause();
    const sub = await followByEmail({ topicId: cause.id, cadence: "weekly", weekday: 1, mailLocale: "en" });
    await publish(cause.id, at("2032-02-25T10:00:00Z"));
    await runPass({ mailer, now: at("2032-03-01T08:00:00Z") }); // Monday's digest
    expect(inbox(sub.email!)).toHaveLength(1);

    await save(sub.id, settings({ cadence: "weekly", weekday: 3 }), at("2032-03-01T09:00:00Z"));
    const tuesday = await publish(cause.id, at("2032-03-02T10:00:00Z"), { title: `Tuesday news ${stamp()}` });
    await runPass({ mailer, now: at("2032-03-03T08:00:00Z") }); // Wednesday
    const mails = inbox(sub.email!);
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain(tuesday.title);
  });
});
