/**
 * Share links: owner-only refs with readable codes; visits and follows through a ref counted as
 * one number per ref and day (no cookie, no IP, no per-reader row); unknown or archived refs fall
 * back to the plain page and count nothing.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { archiveShareRef, createShareRef, recordRefVisit } from "@/lib/share/mutations";
import { qrPng, qrSvg } from "@/lib/share/qr";
import { listShareRefs } from "@/lib/share/queries";
import { isValidRefCode } from "@/lib/share/rules";
import { createShareRefSchema } from "@/lib/share/schema";
import { followCause, leaveCause } from "@/lib/subscription/mutations";
import { createPublishedCause, createUser } from "../support/factories";

async function causeWithRef(label = "Mastodon thread on housing") {
  const owner = await createUser("owner");
  const cause = await createPublishedCause(owner.id);
  const ref = await createShareRef(owner, createShareRefSchema.parse({ topicId: cause.id, label }));
  return { owner, cause, ref };
}

const totals = async (topicId: string, ownerId: string) =>
  (await listShareRefs(topicId, ownerId)).map((r) => ({ code: r.code, visits: r.visits, follows: r.follows }));

describe("creating refs", () => {
  it("gives each place a readable, unique code; only the owner can", async () => {
    const { owner, cause, ref } = await causeWithRef();
    expect(ref.code).toMatch(/^mastodon-thread-on-[a-z0-9]{3}$/);
    expect(isValidRefCode(ref.code)).toBe(true);
    const second = await createShareRef(owner, { topicId: cause.id, label: "Mastodon thread on housing" });
    expect(second.code).not.toBe(ref.code);

    const stranger = await createUser("stranger");
    await expect(createShareRef(stranger, { topicId: cause.id, label: "Hijack" })).rejects.toMatchObject({ key: "notFound" });
    await expect(archiveShareRef(stranger, ref.id)).rejects.toMatchObject({ key: "notFound" });
    expect(await listShareRefs(cause.id, stranger.id)).toEqual([]);
  });

  it("validates labels: too short, too long, and keeps script tags as plain text", () => {
    const parse = (label: string) => createShareRefSchema.safeParse({ topicId: "t", label });
    expect(parse(" ").error?.issues[0].message).toBe("refLabelTooShort");
    expect(parse("x".repeat(81)).error?.issues[0].message).toBe("refLabelTooLong");
    expect(parse("<script>alert(1)</script>").data?.label).toBe("<script>alert(1)</script>");
  });
});

// A visit whose client network is unknown (no app server in front, an exempt network).
const anonymous = { client: null };

describe("counting in aggregate", () => {
  it("counts visits per ref and day, and nothing for unknown, foreign or archived refs", async () => {
    const { owner, cause, ref } = await causeWithRef();
    const other = await causeWithRef("Forum");
    const today = new Date("2026-11-26T10:00:00Z");
    const tomorrow = new Date("2026-11-27T08:00:00Z");

    expect(await recordRefVisit(cause.id, ref.code, anonymous, today)).toBe(true);
    await Promise.all([recordRefVisit(cause.id, ref.code, anonymous, today), recordRefVisit(cause.id, ref.code, anonymous, tomorrow)]);
    expect(await recordRefVisit(cause.id, "no-such-ref", anonymous, today)).toBe(false);
    expect(await recordRefVisit(cause.id, other.ref.code, anonymous, today)).toBe(false);
    expect(await recordRefVisit(cause.id, undefined, anonymous, today)).toBe(false);

    const days = await db.shareRefDay.findMany({ where: { refId: ref.id }, orderBy: { day: "asc" } });
    expect(days.map((d) => [d.day, d.visits])).toEqual([["2026-11-26", 2], ["2026-11-27", 1]]);
    expect(Object.keys(days[0]).sort()).toEqual(["day", "follows", "refId", "visits"]);

    await archiveShareRef(owner, ref.id);
    expect(await recordRefVisit(cause.id, ref.code, anonymous, today)).toBe(false);
    expect(await totals(cause.id, owner.id)).toEqual([{ code: ref.code, visits: 3, follows: 0 }]);
  });

  it("counts a reload by the same browser once, even in parallel, and never stores the client", async () => {
    const { owner, cause, ref } = await causeWithRef();
    const client = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const browser = { client, agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };
    const reloads = await Promise.all(Array.from({ length: 10 }, () => recordRefVisit(cause.id, ref.code, browser)));
    expect(reloads.filter(Boolean)).toHaveLength(1);
    // Another client, another browser behind the same address (a school, an office), and the same
    // browser through another ref are visits of their own.
    expect(await recordRefVisit(cause.id, ref.code, { client: "2001:db8:1:2::/64", agent: browser.agent })).toBe(true);
    expect(await recordRefVisit(cause.id, ref.code, { client, agent: "Mozilla/5.0 (iPhone) Safari/605.1" })).toBe(true);
    const second = await createShareRef(owner, { topicId: cause.id, label: "Forum" });
    expect(await recordRefVisit(cause.id, second.code, browser)).toBe(true);
    expect((await totals(cause.id, owner.id)).find((r) => r.code === ref.code)).toMatchObject({ visits: 3 });
    // The limiter keeps keyed hashes only.
    const keys = await db.rateLimiterFlexible.findMany({ where: { key: { startsWith: "rl:refVisit:" } }, select: { key: true } });
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.some(({ key }) => key.includes(client) || key.includes(ref.id))).toBe(false);
  });

  it("counts a follow through a ref once, records the ref in the consent ledger, and ignores bad refs", async () => {
    const { owner, cause, ref } = await causeWithRef();
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);

    const subscription = await followCause(a, { topicId: cause.id, source: `/c/${cause.slug}`, ref: ref.code });
    await followCause(a, { topicId: cause.id, source: `/c/${cause.slug}`, ref: ref.code }); // already following
    await followCause(b, { topicId: cause.id, source: "/", ref: "unknown-ref" });
    await followCause(c, { topicId: cause.id, source: "/" });

    expect(await totals(cause.id, owner.id)).toEqual([{ code: ref.code, visits: 0, follows: 1 }]);
    const event = await db.consentEvent.findFirstOrThrow({ where: { subscriptionId: subscription.id } });
    expect(event.ref).toBe(ref.code);
    expect(await db.consentEvent.count({ where: { topicId: cause.id, ref: { not: null } } })).toBe(1);

    // Leaving and following again through the ref is not credited again: only first follows count.
    await leaveCause(a, { topicId: cause.id, source: "/" });
    await followCause(a, { topicId: cause.id, source: "/", ref: ref.code });
    expect((await totals(cause.id, owner.id))[0].follows).toBe(1);
  });

  it("lists the last 14 days for the dashboard chart", async () => {
    const { owner, cause, ref } = await causeWithRef();
    const now = new Date("2026-11-26T12:00:00Z");
    await recordRefVisit(cause.id, ref.code, anonymous, new Date("2026-11-20T12:00:00Z"));
    await recordRefVisit(cause.id, ref.code, anonymous, new Date("2026-10-01T12:00:00Z")); // older: in the total only
    const [listed] = await listShareRefs(cause.id, owner.id, now);
    expect(listed.visits).toBe(2);
    expect(listed.recent).toHaveLength(14);
    expect(listed.recent[0]).toEqual({ day: "2026-11-26", visits: 0, follows: 0 });
    expect(listed.recent.find((d) => d.day === "2026-11-20")?.visits).toBe(1);
  });
});

describe("QR codes", () => {
  it("renders SVG and PNG for a ref link", async () => {
    const url = "http://localhost:3000/c/saubere-spree?ref=forum-k7q";
    expect(await qrSvg(url)).toMatch(/^<svg[^>]*viewBox/);
    const png = await qrPng(url);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.readUInt32BE(16)).toBe(1024);
  });
});
