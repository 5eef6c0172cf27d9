/**
 * Ursachenforschung, first part, on SQLite and PostgreSQL: a burst of follows (page and fediverse)
 * and leaves through the real flows becomes exactly those counts per day and channel, the week in
 * numbers, and the current followers per channel — counts only, for the cause's owner only.
 */
import { describe, expect, it } from "vitest";
import { followFromFediverse } from "@/lib/fediverse/mutations";
import { findActor, type FediverseActor } from "@/lib/fediverse/queries";
import { getFollowInsights } from "@/lib/insights/queries";
import { sum, thisWeek } from "@/lib/insights/rules";
import { followCause, leaveCause } from "@/lib/subscription/mutations";
import { createPublishedCause, createUser } from "../support/factories";

describe("follows and leaves over time", () => {
  it("counts a burst exactly, per channel, and names nobody", async () => {
    const owner = await createUser("insights");
    const cause = await createPublishedCause(owner.id);
    const readers = await Promise.all(Array.from({ length: 5 }, () => createUser("reader")));
    await Promise.all(readers.map((reader) => followCause(reader, { topicId: cause.id, source: `/c/${cause.slug}` })));
    // A double click follows once.
    await followCause(readers[0], { topicId: cause.id, source: `/c/${cause.slug}` });
    await leaveCause(readers[1], { topicId: cause.id, source: "/subscriptions" });
    await leaveCause(readers[2], { topicId: cause.id, source: "/subscriptions" });
    const actor = (await findActor(cause.slug)) as FediverseActor;
    await followFromFediverse(actor, { actor: "https://93.184.215.14/users/a", inbox: "https://93.184.215.14/users/a/inbox", sharedInbox: null });

    const insights = await getFollowInsights(cause.id, owner.id);
    expect(insights).not.toBeNull();
    const today = insights!.series.at(-1)!;
    expect(today.follows).toEqual({ web: 5, email: 0, fediverse: 1 });
    expect(today.leaves).toEqual({ web: 2, email: 0, fediverse: 0 });
    expect(insights!.series.slice(0, -1).every((d) => sum(d.follows) === 0 && sum(d.leaves) === 0)).toBe(true);
    expect(thisWeek(insights!.series)).toEqual({ follows: 6, leaves: 2, net: 4 });
    expect(insights!.followers).toEqual({ web: 3, email: 0, fediverse: 1 });
    // Only numbers: no id, address or account anywhere in what the page gets.
    const text = JSON.stringify(insights);
    for (const reader of readers) expect(text).not.toContain(reader.id);
    expect(text).not.toContain("93.184.215.14");
  });

  it("are the owner's only", async () => {
    const owner = await createUser("insights");
    const cause = await createPublishedCause(owner.id);
    expect(await getFollowInsights(cause.id, (await createUser("other")).id)).toBeNull();
  });
});
