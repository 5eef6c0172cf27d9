import "server-only";
import { serveCauseFeed, serveGroupFeed } from "@/lib/feed/serve";
import { absoluteUrl } from "@/lib/url";
import { feedOfPath } from "./rules";

export type FeedNow = { status: number; etag: string | null; contentType: string | null; body: string };

/**
 * A public feed exactly as a feed reader would get it now (same code, same bytes, same ETag), for
 * checking a topic and for sending it to subscribers.
 */
export async function currentFeed(path: string): Promise<FeedNow> {
  const feed = feedOfPath(path);
  if (!feed) return { status: 404, etag: null, contentType: null, body: "" };
  const request = new Request(absoluteUrl(path), { headers: { "accept-language": "de" } });
  const serve = feed.kind === "cause" ? serveCauseFeed : serveGroupFeed;
  const response = await serve(request, { slug: feed.slug, format: feed.format });
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    contentType: response.headers.get("content-type"),
    body: response.status === 200 ? await response.text() : "",
  };
}
