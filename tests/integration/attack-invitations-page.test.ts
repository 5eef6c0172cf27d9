/**
 * Hostile review of the invitation page (/i/<code>) and the QR route (/api/share/qr/<refId>):
 * when is "opened" recorded (a person's browser once — not the publisher, not a link preview, not a
 * prefetch, not an ended invitation), what an ended invitation still shows, and whether another
 * account, or nobody signed in, gets the QR code (the link) of somebody's invitation.
 */
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import InvitationPage from "@/app/(public)/i/[code]/page";
import { GET as qrRoute } from "@/app/api/share/qr/[refId]/route";
import { db } from "@/lib/db";
import { createInvitation, createShareRef, withdrawInvitation } from "@/lib/share/mutations";
import { createPublishedCause, createUser, stamp } from "../support/factories";

// The page runs outside Next here: whoever `viewer` is, is signed in; the request's headers are
// `requestHeaders`; work scheduled with after() is collected and awaited by the test.
const state = vi.hoisted(() => ({ viewer: null as { id: string } | null, requestHeaders: new Headers(), after: [] as Promise<unknown>[] }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => state.viewer }));
vi.mock("next/headers", () => ({ headers: async () => state.requestHeaders, cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  after: (work: () => unknown) => void state.after.push(Promise.resolve().then(work)),
}));
vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: string) => key,
  getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
  getLocale: async () => "de",
}));

const browser = () => new Headers({ "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "user-agent": "Mozilla/5.0" });
const preview = () => new Headers({ "user-agent": "Slackbot-LinkExpanding 1.0" });
const prefetch = () => new Headers({ "sec-fetch-dest": "empty", "sec-fetch-mode": "cors", "next-router-prefetch": "1", rsc: "1" });

/** Every string in a React element tree: text children and string props (the note, the name, any attribute). */
function texts(node: unknown, seen = new WeakSet<object>()): string[] {
  if (typeof node === "string" || typeof node === "number") return [String(node)];
  if (!node || typeof node !== "object" || seen.has(node)) return [];
  seen.add(node);
  if (Array.isArray(node)) return node.flatMap((n) => texts(n, seen));
  const props = (node as { props?: Record<string, unknown> }).props;
  if (!props) return Object.values(node).flatMap((v) => (v && typeof v === "object" && !("$$typeof" in (v as object)) ? texts(v, seen) : typeof v === "string" ? [v] : []));
  return Object.values(props).flatMap((v) => texts(v, seen));
}

async function open(code: string, viewer: { id: string } | null, requestHeaders: Headers) {
  state.viewer = viewer;
  state.requestHeaders = requestHeaders;
  state.after = [];
  try {
    const element = (await InvitationPage({ params: Promise.resolve({ code }) })) as { props: Record<string, unknown> };
    return { testId: element.props["data-testid"] as string, tree: texts(element).join("\n") };
  } catch (error) {
    return { testId: String((error as { digest?: string }).digest ?? error), tree: "" };
  } finally {
    await Promise.all(state.after);
  }
}
const openedAt = async (id: string) => (await db.shareRef.findUniqueOrThrow({ where: { id } })).openedAt;

beforeEach(() => {
  state.viewer = null;
  state.after = [];
});

describe("the invitation page", () => {
  it("records 'opened' for a person's browser only, once — not for the publisher, a link preview or a prefetch", async () => {
    const owner = await createUser("inv-attack");
    const cause = await createPublishedCause(owner.id);
    const invitation = await createInvitation(owner, { topicId: cause.id, name: "Anna", note: "Geheime Notiz" });

    expect((await open(invitation.code, owner, browser())).testId).toBe("invitation");
    expect(await openedAt(invitation.id)).toBeNull();
    expect((await open(invitation.code, null, preview())).testId).toBe("invitation");
    expect((await open(invitation.code, null, prefetch())).testId).toBe("invitation");
    expect(await openedAt(invitation.id)).toBeNull();

    const page = await open(invitation.code, null, browser());
    expect(page.tree).toContain("Geheime Notiz");
    const first = await openedAt(invitation.id);
    expect(first).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 5));
    await open(invitation.code, await createUser("inv-reader"), browser());
    expect(await openedAt(invitation.id)).toEqual(first);
  });

  it("an ended invitation shows neither the note nor the name, records nothing, and a gone cause is 404", async () => {
    const owner = await createUser("inv-attack");
    const cause = await createPublishedCause(owner.id);
    const withdrawn = await createInvitation(owner, { topicId: cause.id, name: "Bertha Geheim", note: "Nur für dich" });
    await withdrawInvitation(owner, withdrawn.id);
    const lapsed = await createInvitation(owner, { topicId: cause.id, name: "Carla Geheim", note: "Auch nur für dich" });
    await db.shareRef.update({ where: { id: lapsed.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const ended of [withdrawn, lapsed]) {
      const page = await open(ended.code, null, browser());
      expect(page.testId).toBe("invitation-ended");
      expect(page.tree).not.toContain(ended.note!);
      expect(page.tree).not.toContain(ended.label);
      expect(await openedAt(ended.id)).toBeNull();
    }
    // A share link's code, guessed codes and a suspended cause's invitation: not found.
    const link = await createShareRef(owner, { topicId: cause.id, label: "Forum" });
    const open1 = await createInvitation(owner, { topicId: cause.id, name: "Dora", note: "x" });
    await db.topic.update({ where: { id: cause.id }, data: { status: "suspended" } });
    for (const code of [link.code, open1.code, `i-${"a".repeat(26)}`, "../../etc/passwd"]) {
      expect((await open(code, null, browser())).testId, code).toMatch(/404/);
    }
    expect(await openedAt(open1.id)).toBeNull();
  });
});

describe("the QR code of an invitation", () => {
  const qr = (refId: string, query = "") => qrRoute(new NextRequest(`http://localhost:3000/api/share/qr/${refId}${query}`), { params: Promise.resolve({ refId }) });

  it("is drawn for the cause's owner only: another account and nobody signed in get 404", async () => {
    const owner = await createUser("inv-attack");
    const attacker = await createUser("inv-attacker");
    const cause = await createPublishedCause(owner.id);
    const invitation = await createInvitation(owner, { topicId: cause.id, name: "Anna", note: "x" });

    state.viewer = owner;
    const mine = await qr(invitation.id);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toContain("image/svg+xml");
    expect(mine.headers.get("cache-control")).toContain("private");

    for (const viewer of [attacker, null]) {
      state.viewer = viewer;
      for (const query of ["", "?format=png", "?format=svg&download"]) {
        const response = await qr(invitation.id, query);
        expect(response.status, `${viewer?.id ?? "anonymous"} ${query}`).toBe(404);
        expect(response.headers.get("content-disposition")).toBeNull();
      }
    }
    state.viewer = owner;
    for (const refId of ["../../etc", invitation.code, `${invitation.id}x`.repeat(3), stamp()]) {
      expect((await qr(refId)).status, refId).toBe(404);
    }
  });
});
