import { describe, expect, it } from "vitest";
import { membershipGraph, reachedCauses, sourceTopics, subscriptionsReaching } from "./sources";

// Partner group g1 = {a, b, c}, g2 = {c, d}; cause e is in no group.
const graph = membershipGraph([
  { groupId: "g1", topicId: "a" },
  { groupId: "g1", topicId: "b" },
  { groupId: "g1", topicId: "c" },
  { groupId: "g2", topicId: "c" },
  { groupId: "g2", topicId: "d" },
]);
const empty = membershipGraph([]);
const cause = (topicId: string, partnerNews = false) => ({ topicId, groupId: null, partnerNews });
const group = (groupId: string) => ({ topicId: null, groupId, partnerNews: false });

describe("membershipGraph", () => {
  it("indexes the rows both ways round, in row order", () => {
    expect(graph.membersOf.get("g1")).toEqual(["a", "b", "c"]);
    expect(graph.groupsOf.get("c")).toEqual(["g1", "g2"]);
    expect(empty.membersOf.size + empty.groupsOf.size).toBe(0);
  });
});

describe("sourceTopics", () => {
  it("a cause subscription reaches its cause", () => {
    expect(sourceTopics(cause("a"), graph)).toEqual(["a"]);
    expect(sourceTopics(cause("e"), graph)).toEqual(["e"]);
  });

  it("partner news adds the other members of the cause's groups, each once", () => {
    expect(sourceTopics(cause("a", true), graph)).toEqual(["a", "b", "c"]);
    expect(sourceTopics(cause("e", true), graph)).toEqual(["e"]);
  });

  it("a cause in two groups reaches the members of both with partner news", () => {
    expect(sourceTopics(cause("c", true), graph)).toEqual(["c", "a", "b", "d"]);
    expect(sourceTopics(cause("c"), graph)).toEqual(["c"]);
  });

  it("a group subscription reaches the group's members, not their other groups", () => {
    expect(sourceTopics(group("g2"), graph)).toEqual(["c", "d"]);
    expect(sourceTopics({ ...group("g2"), partnerNews: true }, graph)).toEqual(["c", "d"]);
  });

  it("an empty graph leaves causes alone and groups empty", () => {
    expect(sourceTopics(cause("a", true), empty)).toEqual(["a"]);
    expect(sourceTopics(group("g1"), empty)).toEqual([]);
    expect(sourceTopics({ topicId: null, groupId: null, partnerNews: true }, empty)).toEqual([]);
  });
});

describe("reachedCauses (the feed's precedence)", () => {
  const summary = (subs: Parameters<typeof reachedCauses>[0], g = graph) =>
    Object.fromEntries(
      [...reachedCauses(subs, g)].map(([topicId, r]) => [topicId, `${r.kind}:${r.subscription.topicId ?? r.subscription.groupId}${r.kind === "cause" ? "" : `@${r.groupId}`}`]),
    );

  it("a direct follow wins over a group, a group over partner news", () => {
    expect(summary([cause("a", true), group("g2"), cause("c")])).toEqual({
      a: "cause:a",
      c: "cause:c",
      d: "group:g2@g2",
      b: "partner:a@g1",
    });
  });

  it("the order of the subscriptions does not change the kind", () => {
    expect(summary([cause("c"), group("g2"), cause("a", true)])).toEqual(summary([cause("a", true), group("g2"), cause("c")]));
  });

  it("partner news names the group the partner shares with the followed cause", () => {
    expect(summary([cause("c", true)])).toEqual({ c: "cause:c", a: "partner:c@g1", b: "partner:c@g1", d: "partner:c@g2" });
  });

  it("within a kind the earlier subscription wins", () => {
    expect(summary([group("g1"), group("g2")])).toEqual({ a: "group:g1@g1", b: "group:g1@g1", c: "group:g1@g1", d: "group:g2@g2" });
    expect(summary([group("g2"), group("g1")]).c).toBe("group:g2@g2");
  });

  it("without partner news only the followed causes and groups count", () => {
    expect(summary([cause("a"), cause("e")])).toEqual({ a: "cause:a", e: "cause:e" });
  });

  it("an empty graph: causes only, groups reach nothing", () => {
    expect(summary([cause("a", true), group("g1")], empty)).toEqual({ a: "cause:a" });
    expect(summary([], empty)).toEqual({});
  });

  it("agrees with sourceTopics: every cause a subscription reaches is reached, and nothing else", () => {
    const subs = [cause("a", true), group("g2"), cause("e")];
    const reached = reachedCauses(subs, graph);
    expect(new Set(reached.keys())).toEqual(new Set(subs.flatMap((s) => sourceTopics(s, graph))));
    for (const [topicId, r] of reached) expect(sourceTopics(r.subscription, graph)).toContain(topicId);
  });
});

describe("subscriptionsReaching", () => {
  it("a cause reaches its own followers, its groups' followers and its partners' partner-news followers", () => {
    expect(subscriptionsReaching(["c"], graph)).toEqual({
      OR: [{ topicId: { in: ["c"] } }, { groupId: { in: ["g1", "g2"] } }, { partnerNews: true, topicId: { in: ["a", "b", "d"] } }],
    });
  });

  it("a cause in no group reaches only its own followers", () => {
    expect(subscriptionsReaching(["e"], graph)).toEqual({ OR: [{ topicId: { in: ["e"] } }] });
    expect(subscriptionsReaching(["a"], empty)).toEqual({ OR: [{ topicId: { in: ["a"] } }] });
  });

  it("is the reverse of sourceTopics", () => {
    const subs = [cause("a"), cause("a", true), cause("b", true), cause("d", true), cause("e", true), group("g1"), group("g2")];
    for (const topicId of ["a", "b", "c", "d", "e"]) {
      const filter = subscriptionsReaching([topicId], graph);
      const matches = (s: (typeof subs)[number]) =>
        filter.OR.some((f) =>
          f.groupId ? f.groupId.in.includes(s.groupId!) : f.topicId!.in.includes(s.topicId!) && (!f.partnerNews || s.partnerNews),
        );
      expect(subs.filter(matches)).toEqual(subs.filter((s) => sourceTopics(s, graph).includes(topicId)));
    }
  });
});
