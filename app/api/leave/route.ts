import { guardedRoute } from "@/lib/http";
import { NextResponse, type NextRequest } from "next/server";
import { leaveByTokenSchema } from "@/lib/subscription/schema";
import { leaveByToken } from "@/lib/subscription/mutations";
import { absoluteUrl } from "@/lib/url";

/**
 * Leaving by signed token: POST only (GET answers 405, so link scanners never unsubscribe anyone).
 * Accepts the leave page's form (token field) and RFC 8058 one-click posts (token in the query).
 */
export const POST = guardedRoute("leave", async (request: NextRequest) => {
  const form = await request.formData().catch(() => null);
  const parsed = leaveByTokenSchema.safeParse({
    token: form?.get("token") ?? request.nextUrl.searchParams.get("token") ?? "",
  });
  const oneClick = form?.get("List-Unsubscribe") === "One-Click";
  // The ledger names where the leave came from: the mail program's unsubscribe, or the leave page.
  const topic = parsed.success ? await leaveByToken(parsed.data.token, oneClick ? "mail: List-Unsubscribe one-click" : "/leave") : null;

  if (oneClick) {
    return new NextResponse(topic ? "unsubscribed" : "invalid token", { status: topic ? 200 : 400 });
  }
  // The token travels on so the done page may ask, once and optionally, why (counted in aggregate).
  const target = topic
    ? `/leave/done?${topic.kind === "group" ? "group" : "cause"}=${encodeURIComponent(topic.slug)}&token=${encodeURIComponent(parsed.data!.token)}`
    : `/leave/${encodeURIComponent(parsed.success ? parsed.data.token : "invalid")}`;
  return NextResponse.redirect(absoluteUrl(target), 303);
});
