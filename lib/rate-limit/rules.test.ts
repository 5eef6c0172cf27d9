import { describe, expect, it } from "vitest";
import { clientNetwork, mailboxKey, RATE_LIMITS, rateKey, retryMinutes } from "./rules";

describe("clientNetwork", () => {
  it("keeps IPv4 addresses and reduces IPv6 to its /64 (one household owns a whole /64)", () => {
    expect(clientNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork("2001:db8:abcd:12:1:2:3:4")).toBe("2001:db8:abcd:12::/64");
    expect(clientNetwork("2001:db8:abcd:12::99")).toBe("2001:db8:abcd:12::/64");
    expect(clientNetwork("2001:0db8:0:0::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
  });
  it("knows nothing of anything else", () => {
    for (const bad of ["", null, undefined, "localhost", "203.0.113", "1.2.3.4, 5.6.7.8"]) expect(clientNetwork(bad)).toBeNull();
  });
});

describe("rateKey", () => {
  it("is a keyed hash: the subject never appears, and another secret gives another key", () => {
    const key = rateKey("signInMail", 0, "reader@example.org", "secret-one-0123456789abcdef0123456789");
    expect(key).toMatch(/^signInMail:0:[A-Za-z0-9_-]{27}$/);
    expect(key).not.toContain("reader");
    expect(rateKey("signInMail", 0, "reader@example.org", "secret-two-0123456789abcdef0123456789")).not.toBe(key);
    expect(rateKey("signInMail", 1, "reader@example.org", "secret-one-0123456789abcdef0123456789")).not.toBe(key);
  });
});

describe("the limits", () => {
  it("keep the promises the README makes", () => {
    expect(RATE_LIMITS.signInMail.slice(0, 2)).toEqual([
      { subject: "address", points: 1, seconds: 60 },
      { subject: "address", points: 5, seconds: 3600 },
    ]);
    expect(RATE_LIMITS.confirmationMail[1]).toEqual({ subject: "address", points: 5, seconds: 86_400 });
    // Every public write counts per client as well as per subject (the one exception counts per client only).
    // refVisit is no write: it remembers one visit per ref and client network for half an hour.
    expect(RATE_LIMITS.refVisit).toEqual([{ subject: "target", points: 1, seconds: 1800 }]);
    for (const [action, rules] of Object.entries(RATE_LIMITS)) {
      if (action !== "refVisit") expect(rules.some((r) => r.subject === "client"), action).toBe(true);
      for (const rule of rules) expect(rule.seconds, action).toBeLessThanOrEqual(86_400);
    }
  });
  it("round waits up to whole minutes", () => {
    expect(retryMinutes(1)).toBe(1);
    expect(retryMinutes(61_000)).toBe(2);
  });
});

describe("mailboxKey", () => {
  it("counts every +tag of a mailbox as that mailbox", () => {
    expect(mailboxKey("Var1+a@Example.org")).toBe("var1@example.org");
    expect(mailboxKey("var1+b+c@example.org")).toBe("var1@example.org");
    expect(mailboxKey("var1@example.org")).toBe("var1@example.org");
    expect(mailboxKey("+only@example.org")).toBe("+only@example.org");
  });
});
