import { getCurrentUser } from "@/lib/auth/session";
import { guardedRoute } from "@/lib/http";
import { buildAccountExport } from "@/lib/privacy/export";

const noStore = { "Cache-Control": "private, no-store" };

/** "Download my data": everything about the signed-in person as one JSON file. */
export const GET = guardedRoute("account export", async () => {
  const user = await getCurrentUser();
  const data = user ? await buildAccountExport(user.id) : null;
  if (!data) return new Response("sign in first\n", { status: 401, headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" } });
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: { ...noStore, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="herzensthema-my-data-${day}.json"` },
  });
});
