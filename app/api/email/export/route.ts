import type { NextRequest } from "next/server";
import { guardedRoute } from "@/lib/http";
import { buildAddressExport } from "@/lib/privacy/export";
import { addressOfSubscription } from "@/lib/privacy/queries";
import { subscriptionIdFromPreferencesToken } from "@/lib/subscription/email/queries";

const noStore = { "Cache-Control": "private, no-store" };

/** Everything about an email-only follower's address, by the settings link of any of its mails. */
export const GET = guardedRoute("address export", async (request: NextRequest) => {
  const token = request.nextUrl.searchParams.get("token")?.slice(0, 200) ?? "";
  const subscriptionId = subscriptionIdFromPreferencesToken(token);
  const address = subscriptionId ? await addressOfSubscription(subscriptionId) : null;
  if (!address) return new Response("not found\n", { status: 404, headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" } });
  const data = await buildAddressExport(address);
  return new Response(JSON.stringify(data, null, 2), {
    headers: { ...noStore, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="herzensthema-address-${data.exportedAt.slice(0, 10)}.json"` },
  });
});
