import { describe, expect, it } from "vitest";
import { confirmsDeletion, RETENTION, retentionCutoffs } from "./rules";

describe("retention", () => {
  it("keeps the ledger of a left subscription three years, an unconfirmed request thirty days", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const cut = retentionCutoffs(now);
    expect(cut.leftBefore.toISOString()).toBe("2023-12-02T12:00:00.000Z");
    expect(cut.unconfirmedBefore.toISOString()).toBe("2026-11-01T12:00:00.000Z");
    expect(RETENTION.finishedDeliveryDays).toBeGreaterThan(30);
  });
});

describe("confirmsDeletion", () => {
  it("accepts the word in German or English, in any case", () => {
    for (const ok of ["LÖSCHEN", "löschen", " delete ", "Delete"]) expect(confirmsDeletion(ok)).toBe(true);
  });
  it("refuses anything else", () => {
    for (const bad of ["", "yes", "LOESCHEN", "delete me"]) expect(confirmsDeletion(bad)).toBe(false);
  });
});
