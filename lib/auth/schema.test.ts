import { describe, expect, it } from "vitest";
import { signInConfirmSchema } from "./schema";

describe("signInConfirmSchema", () => {
  const token = "a".repeat(64);
  it("accepts next-auth's link parameters and keeps only a safe return path", () => {
    expect(signInConfirmSchema.parse({ token, email: "a@b.org", callbackUrl: "/c/x?ref=y" })).toEqual({ token, email: "a@b.org", callbackUrl: "/c/x?ref=y" });
    expect(signInConfirmSchema.parse({ token, email: "a@b.org", callbackUrl: "http://localhost:3000/dashboard?x=1" }).callbackUrl).toBe("/dashboard?x=1");
    expect(signInConfirmSchema.parse({ token, email: "a@b.org", callbackUrl: "https://evil.example" }).callbackUrl).toBe("/");
    expect(signInConfirmSchema.parse({ token, email: "a@b.org", callbackUrl: "//evil.example/x" }).callbackUrl).toBe("/feed");
  });
  it("refuses tampered or missing parameters", () => {
    for (const bad of [{ email: "a@b.org" }, { token: "xyz", email: "a@b.org" }, { token, email: "nope" }, { token: [token], email: "a@b.org" }]) {
      expect(signInConfirmSchema.safeParse(bad).success).toBe(false);
    }
  });
});
