import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./options";

// Who is signed in for this request: the one door pages, actions and routes use.

export type CurrentUser = { id: string; email: string | null; name: string | null };

/** The signed-in user for this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; email?: string | null; name?: string | null; suspended?: boolean } | undefined;
  // Sessions end when an account is suspended; this also covers one that was still being read.
  if (!user?.id || user.suspended) return null;
  return { id: user.id, email: user.email ?? null, name: user.name ?? null };
});

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
