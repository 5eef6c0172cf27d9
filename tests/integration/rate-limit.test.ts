/**
 * One rate limiter for every public write (rate-limiter-flexible over the app's database), proven
 * against bursts and parallel requests on both databases: the sign-in flood, seven confirmation
 * mails at once on PostgreSQL, share links, reports, per-client limits, and a limiter table that
 * never holds an address or an IP in clear.
 */
import { describe, expect, it, vi } from "vitest";
import { authOptions, sendSignInMail, signInMailAllowed } from "@/lib/auth/options";
import { clientNetworkFrom } from "@/lib/client";
import { db } from "@/lib/db";
import { fileReport } from "@/lib/moderation/mutations";
import { consumeRate, deleteEndedRateWindows } from "@/lib/rate-limit/limiter";
import { RATE_LIMITS } from "@/lib/rate-limit/rules";
import { createShareRef } from "@/lib/share/mutations";
import { requestEmailFollow } from "@/lib/subscription/email/mutations";
import { createPublishedCause, createUser, stamp } from "../support/factories";
import { endRateWindow, endRateWindows } from "../support/rate-limit";

// What next-auth does with a "send me a link" request: the signIn callback decides (the limits are
// counted there, from the client's address), only then a token is stored and the mail sent.
async function askForLink(address: string, client: string | null) {
  if (!(await signInMailAllowed(address, client))) return false;
  const token = `${stamp()}${stamp()}`;
  await db.verificationToken.create({ data: { identifier: address, token, expires: new Date(Date.now() + 86_400_000) } });
  await sendSignInMail(address, `http://localhost:3000/api/auth/callback/email?token=${token}&email=x`);
  return true;
}
const address = (label = "reader") => `${label}-${stamp()}@example.org`;
const mailsTo = (to: string) => db.outboxMail.count({ where: { to } });
const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;

describe("the limiter itself", () => {
  it("lets exactly `points` of fifty parallel attempts through, on this database", async () => {
    const subject = `parallel-${stamp()}`;
    // shareRef allows 10 an hour per account: fifty at once must give exactly ten.
    const results = await Promise.all(Array.from({ length: 50 }, () => consumeRate("shareRef", { account: subject })));
    expect(results.filter((r) => r.ok)).toHaveLength(RATE_LIMITS.shareRef[0].points);
  });

  it("counts a refused attempt not at all, and gives points back on release", async () => {
    const subject = `release-${stamp()}`;
    const first = await consumeRate("freshLinkMail", { target: subject });
    expect(first.ok).toBe(true);
    expect((await consumeRate("freshLinkMail", { target: subject })).ok).toBe(false);
    if (first.ok) await first.release();
    expect((await consumeRate("freshLinkMail", { target: subject })).ok).toBe(true);
  });

  it("keeps neither addresses nor IPs in its table, only keyed hashes, and forgets ended windows", async () => {
    const to = address("hash");
    const client = "198.51.100.77";
    await askForLink(to, client);
    const rows = await db.rateLimiterFlexible.findMany({ select: { key: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) {
      expect(key).not.toContain("@");
      expect(key).not.toContain(client);
      expect(key).toMatch(/^rl:[a-zA-Z]+:\d+:[A-Za-z0-9_-]{27}$/);
    }
    await endRateWindows();
    expect(await deleteEndedRateWindows()).toBeGreaterThan(0);
    expect(await db.rateLimiterFlexible.count()).toBe(0);
  });
});

describe("sign-in mails", () => {
  it("send one mail for six requests at once for the same address, and store one token, not six", async () => {
    const to = address();
    await Promise.all(Array.from({ length: 6 }, () => askForLink(to, ip())));
    expect(await mailsTo(to)).toBe(1);
    expect(await db.verificationToken.count({ where: { identifier: to } })).toBe(1);
  });

  it("are refused by the signIn callback itself, with the same page as a sent mail", async () => {
    const to = address();
    const signIn = authOptions.callbacks!.signIn!;
    const ask = () => signIn({ user: { id: to, email: to }, account: null, email: { verificationRequest: true } } as never);
    const answers = await Promise.all(Array.from({ length: 4 }, ask));
    expect(answers.filter((a) => a === true)).toHaveLength(1);
    expect(answers.filter((a) => a === "/signin/check-email?provider=email&type=email")).toHaveLength(3);
  });

  it("send one mail for a quick burst one after another, another after a minute, at most five an hour", async () => {
    const to = address();
    for (let i = 0; i < 6; i++) await askForLink(to, null);
    expect(await mailsTo(to)).toBe(1);
    for (let minute = 1; minute <= 6; minute++) {
      await endRateWindow("signInMail", 0, to); // a minute passes (the hour does not)
      await askForLink(to, null);
    }
    expect(await mailsTo(to)).toBe(5);
  });

  it("limit one client to ten an hour across many addresses; another client is not affected", async () => {
    const client = "192.0.2.10";
    const addresses = Array.from({ length: 12 }, () => address("many"));
    for (const to of addresses) await askForLink(to, client);
    const sent = await Promise.all(addresses.map(mailsTo));
    expect(sent.filter(Boolean)).toHaveLength(10);
    const other = address();
    await askForLink(other, "192.0.2.11");
    expect(await mailsTo(other)).toBe(1);
  });
});

describe("confirmation mails (follow by email)", () => {
  it("send five, not seven, when one fresh address asks to follow seven causes at once", async () => {
    const owner = await createUser("owner");
    const causes = await Promise.all(Array.from({ length: 7 }, () => createPublishedCause(owner.id)));
    const email = address("seven");
    const results = await Promise.all(
      causes.map((cause) => requestEmailFollow({ email, topicId: cause.id, source: `/c/${cause.slug}`, timeZone: null, locale: "de" })),
    );
    expect(results.filter((r) => r.sent)).toHaveLength(5);
    expect(await mailsTo(email)).toBe(5);
    expect(await db.consentEvent.count({ where: { action: "request", subscription: { email } } })).toBe(5);
  });

  it("count +tags as their mailbox: seven tagged addresses of one inbox get five mails a day", async () => {
    const owner = await createUser("owner");
    const causes = await Promise.all(Array.from({ length: 7 }, () => createPublishedCause(owner.id)));
    const box = `box-${stamp()}`;
    for (const [i, cause] of causes.entries()) {
      await requestEmailFollow({ email: `${box}+${i}@example.org`, topicId: cause.id, source: "/", timeZone: null, locale: "de" });
    }
    expect(await db.outboxMail.count({ where: { to: { startsWith: `${box}+` } } })).toBe(5);
    expect(await signInMailAllowed(`${box}+signin@example.org`, null)).toBe(true);
    expect(await signInMailAllowed(`${box}+other@example.org`, null)).toBe(false);
  });

  it("send one mail for the same address and cause asked six times at once", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const email = address("six");
    await Promise.all(Array.from({ length: 6 }, () => requestEmailFollow({ email, topicId: cause.id, source: "/", timeZone: null, locale: "de" })));
    expect(await mailsTo(email)).toBe(1);
  });
});

describe("share links", () => {
  it("refuse the eleventh within an hour with a message saying when (25 in a row gave 25 before)", async () => {
    const owner = await createUser("owner");
    const cause = await createPublishedCause(owner.id);
    const outcomes: string[] = [];
    for (let i = 0; i < 25; i++) {
      outcomes.push(
        await createShareRef(owner, { topicId: cause.id, label: `Thread ${i}` }).then(
          () => "created",
          (error: { key?: string; params?: { minutes?: number } }) => `${error.key}:${error.params?.minutes}`,
        ),
      );
    }
    expect(outcomes.filter((o) => o === "created")).toHaveLength(10);
    expect(outcomes.at(-1)).toMatch(/^rateLimited:([1-9]|[1-5]\d|60)$/);
    expect(await db.shareRef.count({ where: { topicId: cause.id } })).toBe(10);
  });
});

describe("reports", () => {
  it("take one report per client and target a day, five per client in ten minutes", async () => {
    const owner = await createUser("owner");
    const causes = await Promise.all(Array.from({ length: 7 }, () => createPublishedCause(owner.id)));
    const client = "198.51.100.9";
    const report = (id: string) =>
      fileReport({ target: { kind: "cause", id }, reason: "spam", note: "", client }, null).then(() => "ok", (e: { key: string }) => e.key);
    expect(await report(causes[0].id)).toBe("ok");
    expect(await report(causes[0].id)).toBe("rateLimited");
    const rest = [];
    for (const cause of causes.slice(1)) rest.push(await report(cause.id));
    expect(rest).toEqual(["ok", "ok", "ok", "ok", "rateLimited", "rateLimited"]);
    expect(await db.report.count({ where: { topicId: { in: causes.map((c) => c.id) } } })).toBe(5);
  });
});

describe("the client's address", () => {
  it("counts only when the app's own server vouched for it, as IPv4 or an IPv6 /64", () => {
    const token = "server-token-for-this-test";
    vi.stubGlobal(Symbol.for("herzensthema.server") as unknown as string, { token });
    try {
      const bag = (value: string | null) => ({ get: (name: string) => (name === "x-herzensthema-client" ? value : null) });
      expect(clientNetworkFrom(bag(`${token} 203.0.113.5`))).toBe("203.0.113.5");
      expect(clientNetworkFrom(bag(`${token} 2001:db8:1:2:3:4:5:6`))).toBe("2001:db8:1:2::/64");
      expect(clientNetworkFrom(bag(`${token} ::ffff:203.0.113.5`))).toBe("203.0.113.5");
      // Forged: a header a client sent itself (the server strips those) carries no valid token.
      expect(clientNetworkFrom(bag("guess 203.0.113.5"))).toBeNull();
      expect(clientNetworkFrom(bag(`${token} not-an-ip`))).toBeNull();
      expect(clientNetworkFrom(bag(`${token} exempt`))).toBeNull(); // RATE_LIMIT_EXEMPT: no per-client limit
      expect(clientNetworkFrom(bag(null))).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
