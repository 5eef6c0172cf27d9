import { describe, expect, it } from "vitest";
import { signLeaveToken, verifyLeaveToken } from "./rules";

const secret = "a-test-secret-that-is-long-enough-123456";
const id = "cmabc123def456ghi789";

describe("leave tokens", () => {
  it("round-trips a subscription id", () => {
    const token = signLeaveToken(id, secret);
    expect(token.startsWith(`${id}.`)).toBe(true);
    expect(verifyLeaveToken(token, secret)).toBe(id);
  });

  it("is stable, so the same link works every time", () => {
    expect(signLeaveToken(id, secret)).toBe(signLeaveToken(id, secret));
  });

  it("refuses a token signed with another secret", () => {
    expect(verifyLeaveToken(signLeaveToken(id, "another-secret-that-is-also-long-enough"), secret)).toBeNull();
  });

  it("refuses a token whose id was swapped for someone else's", () => {
    const [, mac] = signLeaveToken(id, secret).split(".");
    expect(verifyLeaveToken(`cmsomeoneelse0000000.${mac}`, secret)).toBeNull();
  });

  it("refuses malformed tokens without throwing", () => {
    for (const bad of ["", ".", id, `${id}.`, `${id}.short`, "x".repeat(5000), `../../${id}.${"a".repeat(32)}`]) {
      expect(verifyLeaveToken(bad, secret)).toBeNull();
    }
  });
});
