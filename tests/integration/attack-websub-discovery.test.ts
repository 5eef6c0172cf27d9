/**
 * Hostile-review probes of robots.txt and sitemap.xml. Each `it` states what must hold; each was a finding of a hostile review, fixed since.
 */
import robotsParser from "robots-parser";
import { describe, expect, it, vi } from "vitest";
import robots from "@/app/robots";
import sitemap from "@/app/sitemap";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createPublishedCause, createUser } from "../support/factories";

vi.mock("@/lib/discovery/rules", async (importOriginal) => ({ ...(await importOriginal<object>()), SITEMAP_MAX_URLS: 20 }));

describe("attack: discovery", () => {
  it("never lists more addresses than SITEMAP_MAX_URLS (sitemaps.org: 50 000)", async () => {
    const owner = await createUser("attack-sitemap");
    for (let i = 0; i < 3; i++) {
      const cause = await createPublishedCause(owner.id);
      await db.update.createMany({ data: Array.from({ length: 10 }, (_, j) => ({ topicId: cause.id, title: `U${j}`, publishedAt: new Date(Date.now() - j * 1000) })) });
    }
    const entries = await sitemap();
    expect(entries.length).toBeLessThanOrEqual(20);
  });

  it("robots.txt closes the GET endpoints that take a preferences token in the query", () => {
    const r = robots();
    const rules = Array.isArray(r.rules) ? r.rules[0] : r.rules;
    const text = `User-agent: *\nAllow: /\n${[rules.disallow].flat().map((d) => `Disallow: ${d}`).join("\n")}\n`;
    const parser = robotsParser(`${env.APP_URL}/robots.txt`, text);
    for (const path of ["/api/email/export?token=abc", "/api/subscriptions/ledger?token=abc", "/api/leave?token=abc", "/api/account/export"]) {
      expect(parser.isAllowed(`${env.APP_URL}${path}`, "Googlebot"), path).toBe(false);
    }
  });
});
