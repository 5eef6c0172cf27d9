import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyedHash } from "./keyed-hash";

describe("keyedHash", () => {
  it("is HMAC-SHA256 under the secret over the NUL-joined parts, cut to the asked length", () => {
    const expected = createHmac("sha256", "s3cret").update("sign-in\u0000ada@example.org").digest("base64url").slice(0, 27);
    expect(keyedHash("s3cret", ["sign-in", "ada@example.org"], 27)).toBe(expected);
    expect(keyedHash("s3cret", ["a"], 22)).toHaveLength(22);
  });

  it("differs by secret and by where the parts are split, and never contains the input", () => {
    const hash = keyedHash("one", ["ab", "c"], 27);
    expect(keyedHash("two", ["ab", "c"], 27)).not.toBe(hash);
    expect(keyedHash("one", ["a", "bc"], 27)).not.toBe(hash);
    expect(keyedHash("one", ["192.0.2.1"], 27)).not.toContain("192");
  });
});
