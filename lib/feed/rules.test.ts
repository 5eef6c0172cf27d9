import { describe, expect, it } from "vitest";
import {
  computeFeedEtag,
  etagMatches,
  generateReaderFeedToken,
  hashReaderFeedToken,
  isNotModified,
  isReaderFeedTokenShape,
  lastModifiedOf,
  parseHttpDate,
  readerFeedKey,
} from "./rules";

const at = (iso: string) => new Date(iso);

describe("computeFeedEtag", () => {
  it("is a strong, quoted tag that depends on every part and on their boundaries", () => {
    const etag = computeFeedEtag(["cause", 1, "rss", at("2026-11-20T10:00:00.123Z"), 3]);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(computeFeedEtag(["cause", 1, "rss", at("2026-11-20T10:00:00.123Z"), 3])).toBe(etag);
    expect(computeFeedEtag(["cause", 1, "atom", at("2026-11-20T10:00:00.123Z"), 3])).not.toBe(etag);
    expect(computeFeedEtag(["cause", 1, "rss", at("2026-11-20T10:00:00.124Z"), 3])).not.toBe(etag);
    expect(computeFeedEtag(["ab", "c"])).not.toBe(computeFeedEtag(["a", "bc"]));
    expect(computeFeedEtag([null])).not.toBe(computeFeedEtag([""]));
  });
});

describe("lastModifiedOf", () => {
  it("takes the newest date and drops the milliseconds HTTP cannot carry", () => {
    expect(lastModifiedOf([at("2026-11-20T10:00:00.900Z"), null, at("2026-11-19T10:00:00Z")]).toISOString()).toBe(
      "2026-11-20T10:00:00.000Z",
    );
    expect(lastModifiedOf([null, undefined]).getTime()).toBe(0);
  });
});

describe("etagMatches", () => {
  it("compares weakly, accepts lists and the wildcard", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc" ,"y"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches("abc", '"abc"')).toBe(false);
    expect(etagMatches("", '"abc"')).toBe(false);
  });
});

describe("parseHttpDate", () => {
  it("reads the HTTP date forms and refuses garbage", () => {
    const time = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(time);
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(time);
    expect(parseHttpDate("yesterday")).toBeNull();
    expect(parseHttpDate("x".repeat(100))).toBeNull();
  });
});

describe("isNotModified", () => {
  const validators = { etag: '"v1"', lastModified: at("2026-11-20T10:00:00Z") };
  const now = at("2026-11-21T00:00:00Z").getTime();
  const ask = (ifNoneMatch: string | null, ifModifiedSince: string | null) =>
    isNotModified({ ifNoneMatch, ifModifiedSince }, validators, now);

  it("answers 304 for a matching ETag or an If-Modified-Since at or after Last-Modified", () => {
    expect(ask('"v1"', null)).toBe(true);
    expect(ask(null, "Fri, 20 Nov 2026 10:00:00 GMT")).toBe(true);
    expect(ask(null, "Fri, 20 Nov 2026 12:00:00 GMT")).toBe(true);
  });

  it("answers 200 when the copy is older, unreadable, from the future, or unconditional", () => {
    expect(ask('"v0"', null)).toBe(false);
    expect(ask(null, "Fri, 20 Nov 2026 09:59:59 GMT")).toBe(false);
    expect(ask(null, "not a date")).toBe(false);
    expect(ask(null, "Sat, 21 Nov 2026 10:00:00 GMT")).toBe(false);
    expect(ask(null, null)).toBe(false);
  });

  it("lets If-None-Match take precedence over If-Modified-Since", () => {
    expect(ask('"v0"', "Fri, 20 Nov 2026 12:00:00 GMT")).toBe(false);
    expect(ask('"v1"', "Thu, 01 Jan 2026 00:00:00 GMT")).toBe(true);
  });
});

describe("reader feed tokens", () => {
  it("are 256 random bits in URL-safe text, stored only as a hash", () => {
    const token = generateReaderFeedToken();
    expect(isReaderFeedTokenShape(token)).toBe(true);
    expect(generateReaderFeedToken()).not.toBe(token);
    expect(hashReaderFeedToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashReaderFeedToken(token)).not.toContain(token);
    expect(hashReaderFeedToken(token)).toBe(hashReaderFeedToken(token));
  });

  it("refuse anything that is not token-shaped before any lookup", () => {
    for (const bad of ["", "short", "a".repeat(42), "a".repeat(44), `${"a".repeat(42)}/`, `${"a".repeat(42)}=`]) {
      expect(isReaderFeedTokenShape(bad)).toBe(false);
    }
  });

  it("give the reader a stable key that does not reveal the user id", () => {
    expect(readerFeedKey("user1")).toBe(readerFeedKey("user1"));
    expect(readerFeedKey("user1")).not.toBe(readerFeedKey("user2"));
    expect(readerFeedKey("user1")).not.toContain("user1");
  });
});
