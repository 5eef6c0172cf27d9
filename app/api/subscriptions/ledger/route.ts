import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { guardedRoute } from "@/lib/http";
import { recordIdSchema } from "@/lib/share/schema";
import { getLedgerExport, subscriptionIdFromPreferencesToken } from "@/lib/subscription/email/queries";

const noStore = { "Cache-Control": "private, no-store" };

/**
 * The reader's own consent ledger as a JSON download: by a valid preferences link (`?token=`) or,
 * signed in, for one of their own subscriptions (`?id=`). Nobody else's; no IP addresses exist.
 */
export const GET = guardedRoute("ledger", async (request: NextRequest) => {
  const params = request.nextUrl.searchParams;
  const token = params.get("token");
  const id = params.get("id");
  let data: Awaited<ReturnType<typeof getLedgerExport>> = null;
  if (token) {
    const subscriptionId = subscriptionIdFromPreferencesToken(token.slice(0, 200));
    data = subscriptionId ? await getLedgerExport(subscriptionId) : null;
  } else if (id && recordIdSchema.safeParse(id).success) {
    const user = await getCurrentUser();
    data = user ? await getLedgerExport(id, { userId: user.id }) : null;
  }
  if (!data) return new Response("not found", { status: 404, headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...noStore,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="herzensthema-consent-${data.subscription.id}.json"`,
    },
  });
});
