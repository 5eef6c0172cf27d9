import { describe, expect, it } from "vitest";
import { requestEmailFollowSchema, setEmailChannelSchema } from "./email/schema";
import { followCauseSchema, leaveCauseSchema, leaveSubscriptionSchema } from "./schema";

const ID = "cmabc12345678";
const OTHER_SITES = ["//evil.example/x", "///evil.example", "/\\evil.example", "https://evil.example/", "evil.example"];

// An invalid source is an error ("unknown"), never silently replaced: only a missing one becomes "/".
describe("source paths", () => {
  const schemas = {
    followCause: (source?: string) => followCauseSchema.safeParse({ topicId: ID, source }),
    leaveCause: (source?: string) => leaveCauseSchema.safeParse({ topicId: ID, source }),
    leaveSubscription: (source?: string) => leaveSubscriptionSchema.safeParse({ subscriptionId: ID, source }),
    requestEmailFollow: (source?: string) => requestEmailFollowSchema.safeParse({ email: "a@example.org", topicId: ID, source }),
    setEmailChannel: (source?: string) => setEmailChannelSchema.safeParse({ subscriptionId: ID, channel: "email", source }),
  };

  for (const [name, parse] of Object.entries(schemas)) {
    it(`${name} refuses anything that leaves the site`, () => {
      for (const source of OTHER_SITES) {
        const result = parse(source);
        expect(result.success, source).toBe(false);
        expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["source"], message: "unknown" })]);
      }
    });

    it(`${name} keeps a path on this site and defaults a missing one`, () => {
      expect(parse("/c/repair-cafe?ref=abc&x=%20")).toMatchObject({ success: true, data: { source: "/c/repair-cafe?ref=abc&x=%20" } });
      expect(parse("/")).toMatchObject({ success: true, data: { source: "/" } });
      expect(parse(undefined)).toMatchObject({ success: true, data: { source: "/" } });
    });
  }
});
