import { describe, expect, it } from "vitest";
import { canChangeStatus, canView, isValidSlug, parseTags, pickFreeSlug, rankSimilarCauses, tagKey, slugCandidates, slugFromTitle, SLUG_MAX } from "./rules";

describe("slugFromTitle", () => {
  it("makes readable German slugs", () => {
    expect(slugFromTitle("Bäume für die Südstadt!")).toBe("baeume-fuer-die-suedstadt");
    expect(slugFromTitle("  Straße   & Co. ")).toBe("strasse-und-co");
  });
  it("caps the length without a trailing dash", () => {
    const slug = slugFromTitle("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug.endsWith("-")).toBe(false);
    expect(isValidSlug(slug)).toBe(true);
  });
  it("gives scripts that do not transliterate a readable slug: the Latin words plus a short code", () => {
    const arabic = slugFromTitle("حديقة الحي");
    expect(arabic).toMatch(/^cause-[0-9a-z]{6}$/);
    expect(arabic).not.toContain("hdyqh");
    expect(slugFromTitle("حديقة الحي")).toBe(arabic); // the same title, the same slug
    expect(slugFromTitle("Park حديقة الحي")).toMatch(/^park-[0-9a-z]{6}$/);
    expect(slugFromTitle("社区花园 Community Garden")).toMatch(/^community-garden-[0-9a-z]{6}$/);
    expect(slugFromTitle("Москва без пробок")).toBe("moskva-bez-probok"); // Cyrillic reads fine
    for (const title of ["حديقة الحي", "גינה קהילתית", "社区花园", `${"Garten ".repeat(12)}حديقة`]) expect(isValidSlug(slugFromTitle(title))).toBe(true);
  });
  it("still yields a valid slug for titles without letters", () => {
    expect(isValidSlug(slugFromTitle("🌱🌱🌱"))).toBe(true);
    expect(isValidSlug(slugFromTitle("<script>"))).toBe(true);
  });
});

describe("isValidSlug", () => {
  it("accepts lower-case words joined by single dashes", () => {
    expect(isValidSlug("clean-river-2026")).toBe(true);
  });
  it("refuses everything else", () => {
    for (const bad of ["ab", "Upper", "two--dashes", "-lead", "trail-", "sp ace", "ümlaut", "new", "a".repeat(61)]) {
      expect(isValidSlug(bad)).toBe(false);
    }
  });
});

describe("slugCandidates", () => {
  it("numbers collisions and keeps each candidate valid", () => {
    const candidates = slugCandidates("a".repeat(SLUG_MAX), 12);
    expect(candidates[0]).toBe("a".repeat(SLUG_MAX));
    expect(candidates[1].endsWith("-2")).toBe(true);
    expect(candidates[11].endsWith("-12")).toBe(true);
    expect(candidates.every(isValidSlug)).toBe(true);
    expect(new Set(candidates).size).toBe(12);
  });
});

describe("pickFreeSlug", () => {
  it("takes the first candidate nobody has, and falls back to a stamped slug", () => {
    expect(pickFreeSlug(["river", "river-2", "river-3"], new Set(["river", "river-2"]))).toBe("river-3");
    const fallback = pickFreeSlug(["river"], new Set(["river"]), 1_700_000_000_000);
    expect(fallback).toBe(`river-${(1_700_000_000_000).toString(36)}`);
    expect(isValidSlug(fallback)).toBe(true);
  });
});

describe("tags", () => {
  it("keep the first spelling typed, one per key, and match case and accents", () => {
    expect(parseTags("Klima, Wohnen ,  klima,, Öffentlicher Raum, #Bäume, BÄUME, baeume")).toEqual({
      tags: [
        { key: "klima", label: "Klima" },
        { key: "wohnen", label: "Wohnen" },
        { key: "oeffentlicher-raum", label: "Öffentlicher Raum" },
        { key: "baeume", label: "Bäume" },
      ],
      refused: [],
    });
    expect(parseTags("   ")).toEqual({ tags: [], refused: [] });
    expect(tagKey("Café")).toBe(tagKey("cafe"));
    expect(tagKey("CAFÉ")).toBe("cafe");
    // The same text decomposed (e + combining accent) is the same tag.
    expect(tagKey("Cafe\u0301")).toBe("cafe");
  });

  it("keep scripts that do not transliterate readably, and their keys work as keys again", () => {
    expect(parseTags("حديقة الحي, Park حديقة")).toEqual({
      tags: [
        { key: "حديقة-الحي", label: "حديقة الحي" },
        { key: "park-حديقة", label: "Park حديقة" },
      ],
      refused: [],
    });
    expect(tagKey("גינה קהילתית")).toBe("גינה-קהילתית");
    expect(tagKey("Ελλάδα")).toBe("ellada");
    for (const key of ["baeume", "حديقة-الحي", "park-حديقة", "oeffentlicher-raum"]) expect(tagKey(key)).toBe(key);
  });

  it("say which tag cannot be one instead of dropping it: no letter, or characters the key would drop", () => {
    expect(parseTags("🌳, Bäume 🌳, !!!, %, ♥, K.l.i.m.a, Bäume\u3164, Kinder's Rechte")).toEqual({
      tags: [{ key: "kinders-rechte", label: "Kinder's Rechte" }],
      refused: [
        { label: "🌳", reason: "tagNoLetters" },
        { label: "Bäume 🌳", reason: "tagCharacters" },
        { label: "!!!", reason: "tagNoLetters" },
        { label: "%", reason: "tagNoLetters" },
        { label: "♥", reason: "tagNoLetters" },
        { label: "K.l.i.m.a", reason: "tagCharacters" },
        { label: "Bäume\u3164", reason: "tagCharacters" },
      ],
    });
  });

  it("fold vowel points and joiners of other scripts", () => {
    expect(tagKey("حَدِيقَة")).toBe(tagKey("حديقة"));
    expect(tagKey("می\u200Cخواهم")).toBe("میخواهم");
  });
});

describe("status rules", () => {
  it("allows draft → published → archived → published only", () => {
    expect(canChangeStatus("draft", "published")).toBe(true);
    expect(canChangeStatus("published", "archived")).toBe(true);
    expect(canChangeStatus("archived", "published")).toBe(true);
    expect(canChangeStatus("published", "draft")).toBe(false);
    expect(canChangeStatus("draft", "archived")).toBe(false);
  });
  it("shows drafts to their owner only", () => {
    expect(canView({ status: "draft", ownerId: "u1" }, "u1")).toBe(true);
    expect(canView({ status: "draft", ownerId: "u1" }, "u2")).toBe(false);
    expect(canView({ status: "draft", ownerId: "u1" }, undefined)).toBe(false);
    expect(canView({ status: "archived", ownerId: "u1" }, undefined)).toBe(true);
  });
});

describe("similar causes", () => {
  it("rank the cause's language first, then more shared tags, then the newest activity", () => {
    const tags = (...slugs: string[]) => slugs.map((slug) => ({ slug }));
    const cause = { language: "de", tags: tags("kiez", "baum") };
    const day = (d: number) => new Date(Date.UTC(2026, 10, d));
    const candidates = [
      { id: "en-both", language: "en", tags: tags("kiez", "baum"), at: day(30) },
      { id: "de-one-new", language: "de", tags: tags("kiez"), at: day(29) },
      { id: "de-both-old", language: "de", tags: tags("kiez", "baum"), at: day(1) },
      { id: "de-one-old", language: "de", tags: tags("baum"), at: day(2) },
      { id: "de-one-never", language: "de", tags: tags("baum"), at: null },
    ];
    expect(rankSimilarCauses(cause, candidates, (c) => c.at).map((c) => c.id)).toEqual(["de-both-old", "de-one-new", "de-one-old", "de-one-never", "en-both"]);
    expect(candidates[0].id).toBe("en-both"); // the input is left as it was
  });
});
