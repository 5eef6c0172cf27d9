import { NextResponse, type NextRequest } from "next/server";
import { isSameOriginPost } from "@/lib/auth/rules";
import { env } from "@/lib/env";
import { guardedRoute } from "@/lib/http";
import { followCauseSchema } from "@/lib/subscription/schema";
import { FOLLOW_INTENT_MAX_AGE_S, followIntentCookie } from "@/lib/subscription/rules";
import { absoluteUrl } from "@/lib/url";

/**
 * POST /api/follow-intent: the signed-out "Follow" button. Remembers the choice in this browser
 * and sends the person to sign in; back on the cause page, the follow completes without a second
 * click (components/cause/complete-follow.tsx). Only a form of this site can set it (Origin
 * checked), so no other site can make anybody follow anything by sending them a link.
 */
export const POST = guardedRoute("follow-intent", async (request: NextRequest) => {
  if (!isSameOriginPost(request.headers, env.APP_URL)) {
    return new NextResponse("Forbidden\n", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const form = await request.formData().catch(() => null);
  const parsed = followCauseSchema.safeParse({
    topicId: form?.get("topicId") ?? "",
    source: form?.get("source") ?? "/",
    ref: form?.get("ref") || undefined,
  });
  if (!parsed.success) return NextResponse.redirect(absoluteUrl("/signin"), 303);
  const { topicId, source, ref } = parsed.data;
  // Back to the page the button was on, marked as the return from this very press (only then is the
  // follow completed); a share ref comes along, marked as already counted.
  const back = ref ? `${source}?ref=${encodeURIComponent(ref)}&counted=1&follow=1` : `${source}?follow=1`;
  const response = NextResponse.redirect(absoluteUrl(`/signin?callbackUrl=${encodeURIComponent(back)}`), 303);
  response.cookies.set(followIntentCookie(env.APP_URL), topicId, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.APP_URL.startsWith("https://"),
    path: "/",
    maxAge: FOLLOW_INTENT_MAX_AGE_S,
  });
  return response;
});
