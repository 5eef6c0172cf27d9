import "server-only";
import { db } from "@/lib/db";

/** True when the database answers a trivial query. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch (error) {
    console.error("[health] database check failed", error);
    return false;
  }
}
