import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import { cookies, headers } from "next/headers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { localeCookie, pickLocale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/send";
import { safeReturnPath } from "./rules";
import { currentClientNetwork } from "@/lib/client";
import { consumeRate } from "@/lib/rate-limit/limiter";
import { signInMail } from "@/lib/mail/account";
import { absoluteUrl } from "@/lib/url";
import { logger } from "@/lib/log.mjs";

const SIGN_IN_LINK_MAX_AGE = 24 * 60 * 60;
const log = logger("auth");

/** The language the person is using: their chosen one (cookie), else their browser's. */
async function mailLocale() {
  try {
    const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
    return pickLocale(cookieStore.get(localeCookie)?.value, headerStore.get("accept-language"));
  } catch {
    return pickLocale(undefined, undefined);
  }
}

/**
 * Whether a sign-in mail may go to this address from this client (lib/rate-limit: one a minute and
 * five an hour per address, ten an hour per client). Asked by the signIn callback before next-auth
 * stores a token, so a refused request writes nothing at all.
 */
export async function signInMailAllowed(address: string, client: string | null): Promise<boolean> {
  return (await consumeRate("signInMail", { address: address.toLowerCase(), client })).ok;
}

/** The sign-in mail: it links to a page with a button, not to the one-time callback (scanners follow links). */
export async function sendSignInMail(identifier: string, url: string) {
  const confirmUrl = absoluteUrl(`/signin/confirm${new URL(url).search}`);
  await sendMail({ to: identifier, ...signInMail(confirmUrl, await mailLocale()) });
}

// Where next-auth sends a person after asking for a link; a refused request goes there too, so the
// form answers the same whether or not a mail went out.
const CHECK_EMAIL = "/signin/check-email?provider=email&type=email";

export const authOptions: NextAuthOptions = {
  adapter: PrismaAdapter(db),
  secret: env.AUTH_SECRET,
  // next-auth's errors through the app's logger (its own writes the raw SMTP error, address and
  // all, to the console). With a logger set, next-auth would also take log lines from anybody at
  // POST /api/auth/_log: app/api/auth/[...nextauth]/route.ts refuses that path.
  logger: {
    error: (code, metadata) => log.error({ code, err: metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error }, `next-auth: ${code}`),
    warn: (code) => log.warn({ code }, `next-auth: ${code}`),
    debug: () => {},
  },
  session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
  providers: [
    EmailProvider({
      // The transport is ours (SMTP or the dev outbox); next-auth only needs a placeholder here.
      server: env.SMTP_URL ?? "smtp://localhost:25",
      from: env.MAIL_FROM,
      maxAge: SIGN_IN_LINK_MAX_AGE,
      async sendVerificationRequest({ identifier, url }) {
        await sendSignInMail(identifier, url);
      },
    }),
    ...(env.GITHUB_ENABLED
      ? [GitHubProvider({ clientId: env.GITHUB_ID!, clientSecret: env.GITHUB_SECRET! })]
      : []),
  ],
  callbacks: {
    // A suspended account cannot sign in: no sign-in mail goes out, and a link sent earlier is
    // refused. Asking for a link counts against the limits before next-auth stores its token.
    async signIn({ user, email }) {
      const address = user.email?.toLowerCase();
      if (!address) return true;
      const existing = await db.user.findUnique({ where: { email: address }, select: { suspendedAt: true } });
      if (existing?.suspendedAt) return false;
      if (email?.verificationRequest && !(await signInMailAllowed(address, await currentClientNetwork()))) return CHECK_EMAIL;
      return true;
    },
    session({ session, user }) {
      if (session.user) {
        (session.user as { id?: string }).id = user.id;
        (session.user as { suspended?: boolean }).suspended = Boolean((user as { suspendedAt?: Date | null }).suspendedAt);
      }
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

export const oauthProviders = env.GITHUB_ENABLED ? [{ id: "github", name: "GitHub" }] : [];
