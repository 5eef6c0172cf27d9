"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { followIntentCookie } from "@/lib/subscription/rules";

// next-auth's session cookie: "__Secure-" on https sites, plain on http (development, tests).
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Signing out as a plain form post (no client JavaScript): the session row goes, so the cookie
 * opens nothing even if a copy survives, and the cookie goes too. Server actions only run for
 * same-origin posts, which keeps other sites from signing anyone out.
 */
export async function signOutAction() {
  const store = await cookies();
  const tokens = SESSION_COOKIES.map((name) => store.get(name)?.value).filter((token): token is string => Boolean(token));
  if (tokens.length) await db.session.deleteMany({ where: { sessionToken: { in: tokens } } });
  for (const name of SESSION_COOKIES) if (store.has(name)) store.delete(name);
  // A Follow pressed but never completed stays with this person, not with the next one here.
  store.delete(followIntentCookie(env.APP_URL));
  redirect("/");
}
