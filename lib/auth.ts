import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { localeCookie, pickLocale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/send";
import { maySendSignInMail, safeReturnPath } from "@/lib/auth/rules";
import { signInMail } from "@/lib/mail/templates";
import { absoluteUrl } from "@/lib/url";

const SIGN_IN_LINK_MAX_AGE = 24 * 60 * 60;

/** When earlier sign-in links for an address were issued (the one being sent now excluded). */
async function earlierSignInLinks(identifier: string): Promise<Date[]> {
  const tokens = await db.verificationToken.findMany({ where: { identifier }, select: { expires: true } });
  const issued = tokens.map((t) => new Date(t.expires.getTime() - SIGN_IN_LINK_MAX_AGE * 1000));
  // next-auth stores the new token while this mail is being sent; it is the one issued just now.
  return issued.filter((d) => Date.now() - d.getTime() > 5_000);
}

async function mailLocale() {
  try {
    return pickLocale((await cookies()).get(localeCookie)?.value, undefined);
  } catch {
    return pickLocale(undefined, undefined);
  }
}

export const authOptions: NextAuthOptions = {
  adapter: PrismaAdapter(db),
  secret: env.AUTH_SECRET,
  session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
  providers: [
    EmailProvider({
      // The transport is ours (SMTP or the dev outbox); next-auth only needs a placeholder here.
      server: env.SMTP_URL ?? "smtp://localhost:25",
      from: env.MAIL_FROM,
      maxAge: SIGN_IN_LINK_MAX_AGE,
      async sendVerificationRequest({ identifier, url }) {
        // Nobody can flood a stranger's inbox from our form: the form answers the same either way.
        if (!(await maySendSignInMail(await earlierSignInLinks(identifier)))) return;
        // The mail links to a page with a button, not to the one-time callback: scanners follow links.
        const confirmUrl = absoluteUrl(`/signin/confirm${new URL(url).search}`);
        await sendMail({ to: identifier, ...signInMail(confirmUrl, await mailLocale()) });
      },
    }),
    ...(env.GITHUB_ENABLED
      ? [GitHubProvider({ clientId: env.GITHUB_ID!, clientSecret: env.GITHUB_SECRET! })]
      : []),
  ],
  callbacks: {
    session({ session, user }) {
      if (session.user) (session.user as { id?: string }).id = user.id;
      return session;
    },
    redirect({ url, baseUrl }) {
      // Only ever redirect within the app.
      if (url.startsWith("/")) return `${baseUrl}${safeReturnPath(url, "/")}`;
      try {
        return new URL(url).origin === new URL(baseUrl).origin ? url : baseUrl;
      } catch {
        return baseUrl;
      }
    },
  },
};

export type CurrentUser = { id: string; email: string | null; name: string | null };

/** The signed-in user for this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!user?.id) return null;
  return { id: user.id, email: user.email ?? null, name: user.name ?? null };
});

export const oauthProviders = env.GITHUB_ENABLED ? [{ id: "github", name: "GitHub" }] : [];

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
