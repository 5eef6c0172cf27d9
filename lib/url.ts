import "server-only";
import { env } from "@/lib/env";

/** An absolute URL on this app's public address, for feeds, previews, mails and share links. */
export function absoluteUrl(path: string): string {
  return new URL(path, env.APP_URL).toString();
}
