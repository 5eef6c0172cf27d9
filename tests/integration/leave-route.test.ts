/**
 * The leave endpoint: POST with a valid token leaves at once (form or RFC 8058 one-click),
 * GET is not allowed (mail scanners), a forged token changes nothing.
 */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import * as route from "@/app/api/leave/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { followCause } from "@/lib/subscription/mutations";
import { signLeaveToken } from "@/lib/subscription/rules";
import { createPublishedCause, createUser } from "../support/factories";

async function followedCause() {
  const [owner, reader] = await Promise.all([createUser("owner"), createUser()]);
  const cause = await createPublishedCause(owner.id);
  const subscription = await followCause(reader, { topicId: cause.id, source: "/" });
  return { cause, subscription, token: signLeaveToken(subscription.id, env.AUTH_SECRET) };
}

const post = (body: URLSearchParams, query = "") =>
  new NextRequest(`http://localhost:3000/api/leave${query}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

const status = async (id: string) => (await db.subscription.findUniqueOrThrow({ where: { id } })).status;

describe("POST /api/leave", () => {
  it("exports no GET handler, so opening the URL can never unsubscribe", () => {
    expect("GET" in route).toBe(false);
  });

  it("leaves with the form's token and redirects to the confirmation page", async () => {
    const { cause, subscription, token } = await followedCause();
    const response = await route.POST(post(new URLSearchParams({ token })));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`http://localhost:3000/leave/done?cause=${cause.slug}&token=${encodeURIComponent(token)}`);
    expect(await status(subscription.id)).toBe("left");
  });

  it("speaks RFC 8058 one-click: token in the URL, List-Unsubscribe=One-Click in the body", async () => {
    const { subscription, token } = await followedCause();
    const response = await route.POST(post(new URLSearchParams({ "List-Unsubscribe": "One-Click" }), `?token=${token}`));
    expect(response.status).toBe(200);
    expect(await status(subscription.id)).toBe("left");
    // The ledger says the leave came from the mail program's unsubscribe.
    const leave = await db.consentEvent.findFirstOrThrow({ where: { subscriptionId: subscription.id, action: "leave" } });
    expect(leave.source).toBe("mail: List-Unsubscribe one-click");
  });

  it("changes nothing for a forged or empty token", async () => {
    const { subscription } = await followedCause();
    const forged = `${subscription.id}.${"B".repeat(32)}`;
    const response = await route.POST(post(new URLSearchParams({ token: forged })));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("/leave/");
    expect((await route.POST(post(new URLSearchParams({})))).status).toBe(303);
    expect(await status(subscription.id)).toBe("active");
  });
});
