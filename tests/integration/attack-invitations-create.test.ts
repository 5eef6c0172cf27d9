/**
 * Hostile review of personal invitations — making, withdrawing and listing them: thirty at once
 * against the limit of ten, the rate limit (30 a day per account, 30 an hour per client) also
 * after refused attempts gave their points back, other accounts creating, withdrawing and listing,
 * and what the form lets into the name and note (line breaks, bidi overrides, a megabyte, fields
 * it does not offer).
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { createInvitation, createShareRef, withdrawInvitation } from "@/lib/share/mutations";
import { getInvitation, listInvitations } from "@/lib/share/queries";
import { MAX_OPEN_INVITATIONS } from "@/lib/share/rules";
import { createInvitationSchema, withdrawInvitationSchema } from "@/lib/share/schema";
import { createPublishedCause, createUser, stamp } from "../support/factories";

const errorKey = (promise: Promise<unknown>) => promise.then(() => null, (error) => (error instanceof DomainError ? error.key : String(error)));
const invite = (owner: { id: string }, topicId: string, name = `Person ${stamp()}`, client?: string) => createInvitation(owner, { topicId, name, note: "Komm vorbei." }, client);
const openCount = (topicId: string) => db.shareRef.count({ where: { topicId, personal: true, archivedAt: null, expiresAt: { gt: new Date() } } });
const tally = (results: (string | null)[]) => results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r ?? "ok"]: (acc[r ?? "ok"] ?? 0) + 1 }), {});

describe("the limit of ten open invitations", () => {
  it("holds under thirty concurrent requests", async () => {
    const owner = await createUser("inv-attack");
    const cause = await createPublishedCause(owner.id);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => errorKey(invite(owner, cause.id, `Gleichzeitig ${i}`))));
    expect(tally(results)).toEqual({ ok: MAX_OPEN_INVITATIONS, tooManyInvitations: 30 - MAX_OPEN_INVITATIONS });
    expect(await openCount(cause.id)).toBe(MAX_OPEN_INVITATIONS);
  });

  it("the thirty-first invitation of a day is refused, on any cause; refused ones, one after another, cost nothing", async () => {
    const owner = await createUser("inv-attack");
    const causes = await Promise.all(Array.from({ length: 4 }, () => createPublishedCause(owner.id)));
    for (const [index, cause] of causes.slice(0, 3).entries()) {
      for (let i = 0; i < MAX_OPEN_INVITATIONS; i++) expect(await errorKey(invite(owner, cause.id))).toBeNull();
      // Refused for the cause's limit: the point is given back (the third cause's would be the 31st).
      if (index < 2) expect(await errorKey(invite(owner, cause.id))).toBe("tooManyInvitations");
    }
    expect(await errorKey(invite(owner, causes[3].id))).toBe("rateLimited");
    expect(await openCount(causes[3].id)).toBe(0);
  });

  // Found in review, fixed since — was: DEFECT (SQLite only — the default database). Root cause: lib/db-client.ts:41-45 builds the SQLite
  // client on @prisma/adapter-better-sqlite3, whose mutex (dist/index.mjs, startTransaction) only
  // orders interactive transactions among themselves: a plain query issued while another request's
  // interactive transaction is open runs on the same better-sqlite3 connection INSIDE that
  // transaction and is silently undone when it rolls back. Here: withRate
  // (lib/rate-limit/limiter.ts:92-96) gives a refused invitation's point back right after its
  // transaction rolled back — exactly when the next queued createInvitation transaction has begun;
  // that one is refused too and rolls the give-back away. Evidence: after 30 concurrent requests
  // (10 made, 20 refused) the account's window holds 29 points, not 10 (PostgreSQL: 10), so the
  // publisher is rate-limited after one more invitation. Fix: serialise every SQLite query with the
  // adapter's transactions (one process-wide async lock taken by $transaction and by every
  // top-level operation in the $extends hook of createDbClient), or give interactive transactions
  // their own connection.
  it("the twenty refused of thirty concurrent requests give their rate-limit points back (DEFECT on SQLite: lost inside another request's rolled-back transaction)", async () => {
    const owner = await createUser("inv-attack");
    const [first, second, third] = await Promise.all(Array.from({ length: 3 }, () => createPublishedCause(owner.id)));
    expect(tally(await Promise.all(Array.from({ length: 30 }, () => errorKey(invite(owner, first.id)))))).toEqual({ ok: 10, tooManyInvitations: 20 });
    // 30 a day per account: ten were made, twenty more fit.
    expect(tally(await Promise.all(Array.from({ length: 10 }, () => errorKey(invite(owner, second.id)))))).toEqual({ ok: 10 });
    expect(tally(await Promise.all(Array.from({ length: 10 }, () => errorKey(invite(owner, third.id)))))).toEqual({ ok: 10 });
  });

  // Found in review, fixed since — was: DEFECT (SQLite only), same root cause as above (lib/db-client.ts:41-45; withdrawInvitation in
  // lib/share/mutations.ts:116-121 is a plain findFirst + update): a withdrawal that runs while
  // another request's transaction is open — here a createInvitation refused for "ten open" on
  // another cause, the everyday case of a second tab or a double click — is written into that
  // transaction and rolled back with it. withdrawInvitation returns the row with archivedAt set, the
  // page says "withdrawn", but the invitation stays open: its link keeps showing the note and keeps
  // crediting follows. Evidence: every round below loses the withdrawal on SQLite; none on PostgreSQL.
  it("a withdrawal made while another request's refused invitation is in flight holds (DEFECT on SQLite: silently rolled back)", async () => {
    const owner = await createUser("inv-attack");
    const full = await createPublishedCause(owner.id);
    const other = await createPublishedCause(owner.id);
    for (let i = 0; i < MAX_OPEN_INVITATIONS; i++) await invite(owner, full.id);
    for (let round = 0; round < 5; round++) {
      const target = await invite(owner, other.id, `Ziel ${round}`);
      const [withdrawn] = await Promise.all([
        invite(owner, full.id).then(
          () => null,
          () => withdrawInvitation(owner, target.id),
        ),
        errorKey(invite(owner, full.id)),
        errorKey(invite(owner, full.id)),
      ]);
      expect(withdrawn?.archivedAt, `round ${round}`).toBeInstanceOf(Date);
      expect((await db.shareRef.findUniqueOrThrow({ where: { id: target.id } })).archivedAt, `round ${round}`).toEqual(withdrawn!.archivedAt);
      expect((await getInvitation(target.code))?.state, `round ${round}`).toBe("withdrawn");
    }
  });

  it("withdrawing and inviting again at the same time never leaves more than ten open", async () => {
    const owner = await createUser("inv-attack");
    const cause = await createPublishedCause(owner.id);
    const made = await Promise.all(Array.from({ length: MAX_OPEN_INVITATIONS }, () => invite(owner, cause.id)));
    const results = await Promise.all([
      withdrawInvitation(owner, made[0].id).then(() => "withdrawn"),
      withdrawInvitation(owner, made[0].id).then(() => "withdrawn"),
      ...Array.from({ length: 8 }, () => errorKey(invite(owner, cause.id))),
    ]);
    expect(results.filter((r) => r === null).length).toBeLessThanOrEqual(1);
    expect(await openCount(cause.id)).toBeLessThanOrEqual(MAX_OPEN_INVITATIONS);
    // A lapsed one frees its place like a withdrawn one; archiving the lapsed one changes nothing.
    await db.shareRef.update({ where: { id: made[1].id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await db.shareRef.findUniqueOrThrow({ where: { id: made[1].id } });
    await withdrawInvitation(owner, made[1].id);
    expect((await db.shareRef.findUniqueOrThrow({ where: { id: made[1].id } })).archivedAt).toEqual(before.archivedAt);
    expect(await openCount(cause.id)).toBeLessThanOrEqual(MAX_OPEN_INVITATIONS - 1);
  });

  it("thirty an hour per client network, across accounts", async () => {
    const client = `203.0.113.${Math.floor(Math.random() * 250)}/${stamp()}`;
    const owners = await Promise.all(Array.from({ length: 4 }, () => createUser("inv-attack")));
    const causes = await Promise.all(owners.map((o) => createPublishedCause(o.id)));
    for (let i = 0; i < 3; i++) {
      expect(tally(await Promise.all(Array.from({ length: 10 }, () => errorKey(invite(owners[i], causes[i].id, undefined, client)))))).toEqual({ ok: 10 });
    }
    expect(await errorKey(invite(owners[3], causes[3].id, undefined, client))).toBe("rateLimited");
    // The same account from another network is not held back by that client's window.
    expect(await errorKey(invite(owners[3], causes[3].id, undefined, `${client}-other`))).toBeNull();
  });
});

describe("other accounts", () => {
  it("can neither invite to, withdraw from nor list another owner's cause — and their attempts use none of its places", async () => {
    const owner = await createUser("inv-attack");
    const attacker = await createUser("inv-attacker");
    const cause = await createPublishedCause(owner.id);
    const own = await createPublishedCause(attacker.id);
    const invitation = await invite(owner, cause.id, "Anna");

    expect(tally(await Promise.all(Array.from({ length: 12 }, () => errorKey(invite(attacker, cause.id)))))).toEqual({ notFound: 12 });
    expect(await openCount(cause.id)).toBe(1);
    expect(await errorKey(withdrawInvitation(attacker, invitation.id))).toBe("notFound");
    expect((await getInvitation(invitation.code))?.state).toBe("open");
    expect(await listInvitations(cause.id, attacker.id)).toEqual([]);
    // Nor through their own cause's id mixed with the owner's invitation.
    expect(await listInvitations(own.id, owner.id)).toEqual([]);
    // Withdrawing a share link (not an invitation) of the attacker's own cause by its id: refused too.
    const ref = await createShareRef(attacker, { topicId: own.id, label: "Forum" });
    expect(await errorKey(withdrawInvitation(attacker, ref.id))).toBe("notFound");
    expect((await db.shareRef.findUniqueOrThrow({ where: { id: ref.id } })).archivedAt).toBeNull();
    // The attacker's refused attempts did not use up their own rate limit (given back).
    expect(tally(await Promise.all(Array.from({ length: 10 }, () => errorKey(invite(attacker, own.id)))))).toEqual({ ok: 10 });
  });

  it("a cause that is not published takes no invitations: draft, archived, suspended, removed", async () => {
    const owner = await createUser("inv-attack");
    const cause = await createPublishedCause(owner.id);
    for (const status of ["draft", "archived", "suspended", "removed"] as const) {
      await db.topic.update({ where: { id: cause.id }, data: { status } });
      expect(await errorKey(invite(owner, cause.id)), status).toBe("causeNotPublished");
    }
    expect(await openCount(cause.id)).toBe(0);
  });
});

describe("what the form lets into an invitation", () => {
  const MB = "x".repeat(1024 * 1024);
  const messages = (input: Record<string, unknown>) => {
    const result = createInvitationSchema.safeParse({ topicId: "c1", name: "Anna", note: "Hallo", ...input });
    return result.success ? [] : result.error.issues.map((i) => `${String(i.path[0] ?? "")}:${i.message}`);
  };

  it("refuses line breaks and bidi overrides in the name, bidi overrides and a megabyte in the note, and fields it does not offer", () => {
    expect(messages({ name: "Anna\r\nBcc: all@example.org" })).toContain("name:lineBreak");
    expect(messages({ name: "Anna\u2028Bob" })).toContain("name:lineBreak");
    expect(messages({ name: "Anna \u202Egnp.exe" })).toContain("name:bidiControl");
    expect(messages({ name: "\u2067Anna\u2069" })).toContain("name:bidiControl");
    expect(messages({ name: MB })).toContain("name:inviteeNameTooLong");
    expect(messages({ name: "   " })).toContain("name:inviteeNameRequired");
    expect(messages({ note: MB })).toContain("note:invitationNoteTooLong");
    expect(messages({ note: "Hallo \u202Etxet" })).toContain("note:bidiControl");
    expect(messages({ note: " \n " })).toContain("note:invitationNoteRequired");
    // A note may have several lines; control characters are dropped.
    expect(createInvitationSchema.parse({ topicId: "c1", name: "Anna\u0000", note: "Zeile 1\r\nZeile 2\u0007" })).toMatchObject({ name: "Anna", note: "Zeile 1\r\nZeile 2" });
    // What the form does not offer is refused, not silently used.
    for (const extra of [{ personal: false }, { expiresAt: "2999-01-01" }, { code: "i-aaaaaaaaaaaaaaaaaaaaaaaaaa" }, { archivedAt: null }]) {
      expect(createInvitationSchema.safeParse({ topicId: "c1", name: "Anna", note: "Hallo", ...extra }).success, JSON.stringify(extra)).toBe(false);
    }
    expect(withdrawInvitationSchema.safeParse({ refId: MB }).success).toBe(false);
  });

  it("an invitation never lasts longer than thirty days, and its code is the server's", async () => {
    const owner = await createUser("inv-attack");
    const cause = await createPublishedCause(owner.id);
    // Even a caller that passes more than the form has (the mutation's input is typed, not checked).
    const sneaky = { topicId: cause.id, name: "Anna", note: "x", code: "i-aaaaaaaaaaaaaaaaaaaaaaaaaa", expiresAt: new Date("2999-01-01"), personal: false } as never;
    const made = await createInvitation(owner, sneaky);
    expect(made.code).not.toBe("i-aaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect(made.personal).toBe(true);
    expect(made.expiresAt!.getTime() - made.createdAt.getTime()).toBeLessThanOrEqual(30 * 86_400_000 + 5000);
  });
});
