import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { isSameOriginPost } from "@/lib/auth/rules";
import { env } from "@/lib/env";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

const action = async (context: Context) => (await context.params).nextauth.join("/");
const isEmailCallback = async (context: Context) => (await action(context)) === "callback/email";
// next-auth's client-side logging endpoint: it would write anybody's text into the server log.
const notFound = () => new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Spending a sign-in link takes the confirm page's button: a POST from this site. A plain GET of
 * the callback (a link somebody else planted, a mail scanner) only opens that confirm page, so
 * nobody can be signed in to an account that is not theirs by following a link (login CSRF).
 */
export async function GET(request: NextRequest, context: Context) {
  if ((await action(context)) === "_log") return notFound();
  if (await isEmailCallback(context)) {
    return Response.redirect(new URL(`/signin/confirm${request.nextUrl.search}`, env.APP_URL), 303);
  }
  return handler(request, context);
}

export async function POST(request: NextRequest, context: Context) {
  if ((await action(context)) === "_log") return notFound();
  if (!(await isEmailCallback(context))) return handler(request, context);
  if (!isSameOriginPost(request.headers, env.APP_URL)) return new Response("Forbidden\n", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const form = await request.formData();
  const url = new URL(request.nextUrl.pathname, request.nextUrl.origin);
  for (const name of ["token", "email", "callbackUrl"]) {
    const value = form.get(name);
    if (typeof value === "string") url.searchParams.set(name, value.slice(0, 600));
  }
  // next-auth v4 reads the link's fields from the query of the request it handles.
  return handler(new NextRequest(url, { method: "GET", headers: request.headers }), context);
}
