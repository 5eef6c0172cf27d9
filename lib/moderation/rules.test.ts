import { describe, expect, it } from "vitest";
import { groupReports, isOperatorAddress, parseTargetKey, reportTarget } from "./rules";

describe("isOperatorAddress", () => {
  it("matches ADMIN_EMAILS case-insensitively and nothing else", () => {
    expect(isOperatorAddress("Ops@Example.org", ["ops@example.org"])).toBe(true);
    expect(isOperatorAddress("ops@example.org ", ["ops@example.org"])).toBe(true);
    expect(isOperatorAddress("other@example.org", ["ops@example.org"])).toBe(false);
    expect(isOperatorAddress(null, ["ops@example.org"])).toBe(false);
    expect(isOperatorAddress("", [""])).toBe(false);
  });
});

describe("report targets", () => {
  it("parse only well-formed keys", () => {
    expect(parseTargetKey("cause:cmabc12345")).toEqual({ kind: "cause", id: "cmabc12345" });
    for (const bad of ["cause:", "user:cmabc12345", "cause:../x", "cause:CMABC12345", "update:a"]) expect(parseTargetKey(bad)).toBeNull();
  });
  it("name an update before its cause", () => {
    expect(reportTarget({ updateId: "u", topicId: "t", groupId: null })).toEqual({ kind: "update", id: "u" });
    expect(reportTarget({ updateId: null, topicId: "t", groupId: null })).toEqual({ kind: "cause", id: "t" });
  });
});

describe("groupReports", () => {
  it("bundles reports per target, most reported first, then the longest waiting", () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
    const groups = groupReports([
      { updateId: null, topicId: "a", groupId: null, reason: "spam", note: "", createdAt: at(5) },
      { updateId: null, topicId: "b", groupId: null, reason: "spam", note: "first", createdAt: at(1) },
      { updateId: null, topicId: "a", groupId: null, reason: "illegal", note: "x", createdAt: at(2) },
      { updateId: null, topicId: null, groupId: "g", reason: "other", note: "", createdAt: at(0) },
    ]);
    expect(groups.map((g) => g.key)).toEqual(["cause:a", "group:g", "cause:b"]);
    expect(groups[0]).toMatchObject({ count: 2, reasons: { spam: 1, illegal: 1 }, notes: ["x"], firstAt: at(2), lastAt: at(5) });
  });
});
