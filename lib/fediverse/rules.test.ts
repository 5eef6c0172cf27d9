import { describe, expect, it } from "vitest";
import {
  activityActorId,
  activityPathOfPage,
  actorIdentifier,
  announcement,
  isAcceptableInbox,
  keyMaySpeakFor,
  parseActorIdentifier,
  wantsActivityJson,
} from "./rules";

const t = (iso: string) => new Date(iso);

describe("actor identifiers", () => {
  it("gives causes their slug and groups a g. prefix, and reads both back", () => {
    expect(actorIdentifier({ kind: "cause", slug: "saubere-spree" })).toBe("saubere-spree");
    expect(actorIdentifier({ kind: "group", slug: "gruener-kiez" })).toBe("g.gruener-kiez");
    expect(parseActorIdentifier("saubere-spree")).toEqual({ kind: "cause", slug: "saubere-spree" });
    expect(parseActorIdentifier("g.gruener-kiez")).toEqual({ kind: "group", slug: "gruener-kiez" });
  });

  it("refuses what no slug can be", () => {
    for (const bad of ["", "g.", "Saubere", "a/b", "x y", "g.g.x", "../etc", "a%2fb", "spree\u202e", "a".repeat(101)]) {
      expect(parseActorIdentifier(bad)).toBeNull();
    }
  });
});

describe("announcement", () => {
  const base = { publishedAt: t("2026-12-01T10:00:00Z"), correctedAt: null, hidden: false, apVersion: null, apDeletedAt: null };

  it("creates a new visible update once", () => {
    expect(announcement(base)).toBe("create");
    expect(announcement({ ...base, apVersion: base.publishedAt })).toBeNull();
  });

  it("sends an Update after a correction, once per correction", () => {
    const corrected = { ...base, correctedAt: t("2026-12-01T12:00:00Z"), apVersion: base.publishedAt };
    expect(announcement(corrected)).toBe("update");
    expect(announcement({ ...corrected, apVersion: corrected.correctedAt })).toBeNull();
  });

  it("deletes what followers were told about once it is hidden, and nothing else", () => {
    expect(announcement({ ...base, hidden: true, apVersion: base.publishedAt })).toBe("delete");
    expect(announcement({ ...base, hidden: true })).toBeNull();
    expect(announcement({ ...base, hidden: true, apVersion: base.publishedAt, apDeletedAt: t("2026-12-02T00:00:00Z") })).toBeNull();
    // A Delete is final: a later correction of a deleted update is never sent.
    expect(announcement({ ...base, correctedAt: t("2026-12-03T00:00:00Z"), apVersion: base.publishedAt, apDeletedAt: t("2026-12-02T00:00:00Z") })).toBeNull();
  });
});

describe("content negotiation", () => {
  it("tells fediverse servers from browsers", () => {
    expect(wantsActivityJson("application/activity+json")).toBe(true);
    expect(wantsActivityJson('application/ld+json; profile="https://www.w3.org/ns/activitystreams"')).toBe(true);
    expect(wantsActivityJson("application/activity+json, application/ld+json")).toBe(true);
    expect(wantsActivityJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).toBe(false);
    expect(wantsActivityJson("text/html, application/activity+json")).toBe(false);
    expect(wantsActivityJson("*/*")).toBe(false);
    expect(wantsActivityJson(null)).toBe(false);
  });

  it("maps cause, group and update pages to their ActivityPub paths", () => {
    expect(activityPathOfPage("/c/saubere-spree")).toBe("/ap/actors/saubere-spree");
    expect(activityPathOfPage("/g/gruener-kiez")).toBe("/ap/actors/g.gruener-kiez");
    expect(activityPathOfPage("/c/saubere-spree/u/cm123abc")).toBe("/ap/c/saubere-spree/u/cm123abc");
    // A group is no cause: /c/g.<group> is nobody's page.
    expect(activityPathOfPage("/c/g.gruener-kiez")).toBeNull();
    expect(activityPathOfPage("/c/saubere-spree/share")).toBeNull();
    expect(activityPathOfPage("/c/Bad..Slug")).toBeNull();
    expect(activityPathOfPage("/explore")).toBeNull();
  });
});

describe("who may be sent what", () => {
  it("accepts only inboxes on the actor's own server", () => {
    const actor = "https://social.example/users/anna";
    expect(isAcceptableInbox("https://social.example/users/anna/inbox", actor)).toBe(true);
    expect(isAcceptableInbox("https://social.example/inbox", actor)).toBe(true);
    for (const bad of ["http://127.0.0.1/inbox", "https://other.example/inbox", "https://social.example:8443/inbox", "ftp://social.example/inbox", "https://user:pw@social.example/inbox", "not a url", `https://social.example/${"x".repeat(2100)}`]) {
      expect(isAcceptableInbox(bad, actor), bad).toBe(false);
    }
  });

  it("lets a key speak only for an actor on its own server", () => {
    expect(keyMaySpeakFor("https://social.example/users/anna#main-key", "https://social.example/users/anna")).toBe(true);
    expect(keyMaySpeakFor("https://evil.example/users/anna#main-key", "https://social.example/users/anna")).toBe(false);
    expect(keyMaySpeakFor("garbage", "https://social.example/users/anna")).toBe(false);
    expect(activityActorId({ actor: "https://social.example/users/anna" })).toBe("https://social.example/users/anna");
    expect(activityActorId({ actor: { id: "https://social.example/users/anna" } })).toBe("https://social.example/users/anna");
    expect(activityActorId({ actor: 42 })).toBeNull();
    expect(activityActorId(null)).toBeNull();
  });
});
