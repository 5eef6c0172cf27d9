import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CONFIRM_TOKEN_DAYS,
  PREFERENCES_TOKEN_DAYS,
  signConfirmToken,
  signLeaveToken,
  signPreferencesToken,
  verifyConfirmToken,
  verifyLeaveToken,
  verifyPreferencesToken,
} from "./rules";

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

describe("confirmation tokens", () => {
  const nonce = "n0nce-abcdefghijkl";
  const now = new Date("2026-11-26T10:00:00Z");

  it("round-trips subscription and nonce until they expire", () => {
    const token = signConfirmToken(id, nonce, secret, now);
    expect(verifyConfirmToken(token, secret, now)).toEqual({ ok: true, value: { subscriptionId: id, nonce } });
    const later = new Date(now.getTime() + (CONFIRM_TOKEN_DAYS * 24 + 1) * 3600_000);
    expect(verifyConfirmToken(token, secret, later)).toEqual({ ok: false, reason: "expired", subscriptionId: id });
  });

  it("refuses forged, swapped and malformed tokens", () => {
    const token = signConfirmToken(id, nonce, secret, now);
    expect(verifyConfirmToken(token, "another-secret-that-is-also-long-enough", now)).toEqual({ ok: false, reason: "forged" });
    expect(verifyConfirmToken(token.replace(nonce, "n0nce-zzzzzzzzzzzz"), secret, now)).toEqual({ ok: false, reason: "forged" });
    // Pushing the expiry out breaks the signature.
    const [sub, n, , m] = token.split(".");
    expect(verifyConfirmToken(`${sub}.${n}.zzzzzzzz.${m}`, secret, now)).toEqual({ ok: false, reason: "forged" });
    for (const bad of ["", "...", token + "x", signLeaveToken(id, secret)]) expect(verifyConfirmToken(bad, secret, now).ok).toBe(false);
  });

  it("is not accepted as a preferences token and vice versa", () => {
    const prefs = signPreferencesToken(id, secret, now);
    expect(verifyConfirmToken(prefs, secret, now).ok).toBe(false);
    expect(verifyPreferencesToken(signConfirmToken(id, nonce, secret, now), secret, now).ok).toBe(false);
  });
});

describe("preferences tokens", () => {
  const now = new Date("2026-11-26T10:00:00Z");

  it("round-trips and, once expired, still names the subscription so a fresh link can be offered", () => {
    const token = signPreferencesToken(id, secret, now);
    expect(verifyPreferencesToken(token, secret, now)).toEqual({ ok: true, subscriptionId: id });
    const later = new Date(now.getTime() + (PREFERENCES_TOKEN_DAYS + 1) * 24 * 3600_000);
    expect(verifyPreferencesToken(token, secret, later)).toEqual({ ok: false, reason: "expired", subscriptionId: id });
  });

  it("refuses forged tokens", () => {
    const [sub, expiry, m] = signPreferencesToken(id, secret, now).split(".");
    expect(verifyPreferencesToken(`cmsomeoneelse0000000.${expiry}.${m}`, secret, now)).toEqual({ ok: false, reason: "forged" });
    expect(verifyPreferencesToken(`${sub}.${expiry}.${"a".repeat(32)}`, secret, now)).toEqual({ ok: false, reason: "forged" });
    expect(verifyPreferencesToken("x".repeat(5000), secret, now)).toEqual({ ok: false, reason: "forged" });
  });
});

describe("one token format for every mail link", () => {
  it("keeps the exact bytes of links already sent (HMAC-SHA256 over purpose and payload, 32 base64url characters)", () => {
    const at = new Date("2026-12-01T00:00:00Z");
    const hmac = (purpose: string, payload: string) => createHmac("sha256", secret).update(purpose + payload).digest("base64url").slice(0, 32);
    expect(signLeaveToken(id, secret)).toBe(`${id}.${hmac("leave:v1:", id)}`);
    const confirmExpiry = (at.getTime() + 7 * 86_400_000).toString(36);
    const nonce = "n0nce-0123456789abcd";
    expect(signConfirmToken(id, nonce, secret, at)).toBe(`${id}.${nonce}.${confirmExpiry}.${hmac("confirm:v1:", `${id}.${nonce}.${confirmExpiry}`)}`);
    const preferencesExpiry = (at.getTime() + 60 * 86_400_000).toString(36);
    expect(signPreferencesToken(id, secret, at)).toBe(`${id}.${preferencesExpiry}.${hmac("preferences:v1:", `${id}.${preferencesExpiry}`)}`);
  });

  it("binds each token to its purpose: the same payload signed for another use is forged", () => {
    const at = new Date("2026-12-01T00:00:00Z");
    const expiry = (at.getTime() + 86_400_000).toString(36);
    const asLeave = createHmac("sha256", secret).update(`leave:v1:${id}.${expiry}`).digest("base64url").slice(0, 32);
    expect(verifyPreferencesToken(`${id}.${expiry}.${asLeave}`, secret, at)).toEqual({ ok: false, reason: "forged" });
  });
});
