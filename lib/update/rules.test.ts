import { describe, expect, it } from "vitest";
import { budgetStatus, findRepetition, normaliseText, textSimilarity } from "./rules";

const now = new Date("2026-11-26T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 24 * 60 * 60 * 1000);

describe("budgetStatus", () => {
  it("counts only the last 7 days", () => {
    expect(budgetStatus([daysAgo(1), daysAgo(8), daysAgo(30)], 3, now)).toEqual({ used: 1, remaining: 2, nextSlotAt: null });
  });
  it("says when the next slot frees up once the budget is used", () => {
    const status = budgetStatus([daysAgo(1), daysAgo(6), daysAgo(3)], 3, now);
    expect(status.remaining).toBe(0);
    expect(status.nextSlotAt).toEqual(new Date(daysAgo(6).getTime() + 7 * 24 * 60 * 60 * 1000));
  });
  it("handles a budget lowered below what was already published", () => {
    const status = budgetStatus([daysAgo(1), daysAgo(2), daysAgo(3)], 1, now);
    expect(status.remaining).toBe(0);
    expect(status.nextSlotAt).toEqual(new Date(daysAgo(1).getTime() + 7 * 24 * 60 * 60 * 1000));
  });
});

describe("text similarity", () => {
  it("normalises case, punctuation, accents and ß", () => {
    expect(normaliseText("  Straße: HEUTE!!  café ")).toBe("strasse heute cafe");
  });
  it("is 1 for the same text in other clothes and low for different texts", () => {
    expect(textSimilarity("Treffen heute um 5!", "treffen HEUTE um 5")).toBe(1);
    expect(textSimilarity("Müllsammeln am Samstag an der Spree", "Neue Greifzangen gespendet")).toBeLessThan(0.4);
    expect(textSimilarity("", "x")).toBe(0);
  });
  it("catches a lightly edited repeat", () => {
    expect(textSimilarity("Reminder: clean-up this Saturday at 10 at the river", "Reminder: clean up this Saturday at 10 by the river!")).toBeGreaterThan(0.8);
  });
});

describe("findRepetition", () => {
  const recent = [
    { id: "a", title: "Clean-up on Saturday", body: "Meet at 10 at the bridge.", publishedAt: daysAgo(3) },
    { id: "b", title: "Old news", body: "Something from long ago.", publishedAt: daysAgo(20) },
  ];
  it("finds a near-duplicate of an update from the last 14 days", () => {
    expect(findRepetition({ title: "Clean up on Saturday!", body: "Meet at 10 at the bridge" }, recent, now)?.id).toBe("a");
  });
  it("ignores older updates and different texts", () => {
    expect(findRepetition({ title: "Old news", body: "Something from long ago." }, recent, now)).toBeNull();
    expect(findRepetition({ title: "New tools donated", body: "Twenty grabbers arrived." }, recent, now)).toBeNull();
  });
});
