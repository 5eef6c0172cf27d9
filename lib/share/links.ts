import "server-only";
import { absoluteUrl } from "@/lib/url";

/** The link a publisher pastes into one thread: the cause page with that place's ref code. */
export function refLink(slug: string, code: string): string {
  return absoluteUrl(`/c/${slug}?ref=${code}`);
}
