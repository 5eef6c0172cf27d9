import "server-only";
import { db } from "@/lib/db";

/** Whether this callback is subscribed to this feed (an unsubscribe calls it only then). */
export async function hasSubscription(topic: string, callback: string): Promise<boolean> {
  return (await db.webSubSubscription.count({ where: { topic, callback } })) > 0;
}

/** How many subscriptions the callback's host (scheme, name and port) holds. */
export async function countCallbackHostSubscriptions(callback: string): Promise<number> {
  return db.webSubSubscription.count({ where: { callback: { startsWith: `${new URL(callback).origin}/` } } });
}
