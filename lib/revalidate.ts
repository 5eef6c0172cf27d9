import "server-only";
import { revalidatePath } from "next/cache";

// Which pages show what. After a write, an action names what it changed and every page showing that
// is revalidated: one table, so a new page is added in one place. Dynamic pages are route patterns,
// route group included ("/c/[slug]" alone would match nothing); "layout" covers every page below.
// lib/revalidate.test.ts checks each entry against the files in app/.
//
// Today every page renders per request (they read the session and the language), and Next.js 16
// clears the browser's whole router cache after any revalidation in a server action; the names
// matter once pages are cached.

export type ShownOn = { path: string; type?: "page" | "layout" };

const CAUSE_PAGES: ShownOn = { path: "/(public)/c/[slug]", type: "layout" }; // a cause and its updates
const GROUP_PAGE: ShownOn = { path: "/(public)/g/[slug]", type: "page" };
const INVITE_PAGE: ShownOn = { path: "/(public)/i/[code]", type: "page" }; // personal invitations to follow a cause
const OWNER_CAUSE: ShownOn = { path: "/(publisher)/dashboard/causes/[id]", type: "layout" }; // manage, share kit, insights, corrections
const OWNER_GROUP: ShownOn = { path: "/(publisher)/dashboard/groups/[id]", type: "layout" }; // manage, insights
const LISTS: ShownOn[] = [{ path: "/" }, { path: "/explore" }, { path: "/g" }]; // cards with counts and last updates
// Pages that name one follow and what it follows: its settings signed in, by a mail's link, leaving.
const ONE_FOLLOW: ShownOn[] = [
  { path: "/(reader)/subscriptions/[id]", type: "page" },
  { path: "/(public)/email/confirm/[token]", type: "page" },
  { path: "/(public)/email/preferences/[token]", type: "page" },
  { path: "/(public)/leave/[token]", type: "page" },
];
// The header on every page: signed in or out, the badge counting a publisher's open invitations.
const EVERY_PAGE: ShownOn = { path: "/", type: "layout" };

export const SHOWN_ON = {
  /** A cause's title, summary, tags, language or status. */
  cause: [...LISTS, CAUSE_PAGES, GROUP_PAGE, INVITE_PAGE, OWNER_CAUSE, OWNER_GROUP, ...ONE_FOLLOW, { path: "/feed" }, { path: "/subscriptions" }, { path: "/dashboard" }, { path: "/dashboard/groups" }, { path: "/dashboard/groups/new" }],
  /** An update published, corrected or deleted: its cause's pages, feeds, groups' streams, counts. */
  update: [...LISTS, CAUSE_PAGES, GROUP_PAGE, INVITE_PAGE, OWNER_CAUSE, OWNER_GROUP, { path: "/feed" }, { path: "/dashboard" }, { path: "/account" }],
  /** A group, its members or their roles. */
  group: [...LISTS, GROUP_PAGE, CAUSE_PAGES, OWNER_GROUP, { path: "/feed" }, { path: "/dashboard/groups" }],
  /** Partner-group invitations: the group's page for its admin, the invited owners' inbox and badge. */
  invitations: [EVERY_PAGE],
  /** Who follows what: readers' own pages, follow buttons and follower figures. */
  follows: [...LISTS, CAUSE_PAGES, GROUP_PAGE, INVITE_PAGE, OWNER_CAUSE, OWNER_GROUP, ...ONE_FOLLOW, { path: "/feed" }, { path: "/subscriptions" }, { path: "/account" }, { path: "/dashboard" }],
  /** An email follow's settings (partner news too: Mein Feed), its ledger, owners' figures by channel. */
  emailSettings: [...ONE_FOLLOW, { path: "/subscriptions" }, { path: "/feed" }, { path: "/account" }, OWNER_CAUSE, OWNER_GROUP],
  /** An operator's decision: the queue, the log, the publisher's notices and appeals. */
  moderation: [{ path: "/admin" }, { path: "/admin/log" }, { path: "/(publisher)/dashboard", type: "layout" }],
  /** Something hidden, suspended or lifted: it leaves or returns to every public page and feed. */
  visibility: [...LISTS, CAUSE_PAGES, GROUP_PAGE, INVITE_PAGE, { path: "/(public)/gone/[kind]/[slug]", type: "page" }, { path: "/feed" }, { path: "/subscriptions" }],
  /** Everything: an account signed out or gone (the header on every page). */
  everything: [EVERY_PAGE],
} satisfies Record<string, ShownOn[]>;

export type Change = keyof typeof SHOWN_ON;

/** Revalidates every page that shows one of these changes, each once. */
export function revalidatePages(...changes: Change[]): void {
  const seen = new Set<string>();
  for (const change of changes) {
    for (const { path, type } of SHOWN_ON[change]) {
      const key = `${type ?? ""}:${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (type) revalidatePath(path, type);
      else revalidatePath(path);
    }
  }
}
