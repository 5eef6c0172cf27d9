import "server-only";
import { createTranslator } from "use-intl/core";
import { clientNetworkFrom } from "@/lib/client";
import { env } from "@/lib/env";
import { countRead } from "@/lib/insights/counter";
import { pickLocale, type AppLocale } from "@/lib/i18n/config";
import { getReaderFeedEntries, getReaderFeedVersion } from "@/lib/subscription/queries";
import { isGone } from "@/lib/topic/rules";
import { renderFeed, type FeedDocument } from "./build";
import { createShortCache } from "./cache";
import { causeFeedDocument, groupFeedDocument, readerFeedDocument } from "./documents";
import { feedContentTypes, isFeedFormat, type FeedFormat } from "./links";
import { feedMessages } from "./messages";
import { findReaderFeedToken, getCauseFeedUpdates, getCauseFeedVersion, getGroupFeedEntries, getGroupFeedVersion } from "./queries";
import {
  FEED_ITEM_LIMIT,
  FEED_RENDER_VERSION,
  PUBLIC_FEED_MEMORY,
  computeFeedEtag,
  entriesChangedAt,
  entriesSignature,
  isNotModified,
  lastModifiedOf,
  readerFeedKey,
  type FeedValidators,
} from "./rules";
import { logger } from "@/lib/log.mjs";
import { absoluteUrl } from "@/lib/url";
import { hubLinkHeader, HUB_PATH } from "@/lib/websub/rules";

const log = logger("feeds");

// Public feeds may sit in shared caches for a few minutes; feed readers poll far less often.
const PUBLIC_CACHE = "public, max-age=300, stale-while-revalidate=60";
// WebSub: where to subscribe to a public feed (the same for every feed, worked out once).
const HUB_URL = absoluteUrl(HUB_PATH);
// A private feed may be kept by its reader only, and is revalidated on every use (a cheap 304),
// so a revoked address stops working at once.
const PRIVATE_CACHE = "private, no-cache";
const SLUG_SHAPE = /^[a-z0-9-]{1,100}$/;

const requestLocale = (request: Request): AppLocale => pickLocale(undefined, request.headers.get("accept-language"));

/** A short plain-text answer in the requester's language: never a stack trace, never cached. */
function plainText(request: Request, status: 404 | 410 | 503, key: "notFound" | "gone" | "unavailable") {
  const locale = requestLocale(request);
  const t = createTranslator({ locale, messages: feedMessages[locale], namespace: "feeds.http" });
  const headers = new Headers({
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Language": locale,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (status === 503) headers.set("Retry-After", "30");
  return new Response(`${t(key)}\n`, { status, headers });
}

/**
 * The validators are known before anything is rendered. A 304 costs only the cheap version
 * query; otherwise the entries are loaded and rendered. (If data changes between the two, the
 * body is newer than its ETag: the next request simply gets a 200 again.)
 */
async function feedResponse(
  request: Request,
  format: FeedFormat,
  validators: FeedValidators,
  headerValues: Record<string, string>,
  loadBody: () => Promise<string>,
) {
  const headers = new Headers({
    ETag: validators.etag,
    "Last-Modified": validators.lastModified.toUTCString(),
    "X-Content-Type-Options": "nosniff",
    ...headerValues,
  });
  const conditional = {
    ifNoneMatch: request.headers.get("if-none-match"),
    ifModifiedSince: request.headers.get("if-modified-since"),
  };
  if (isNotModified(conditional, validators)) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", feedContentTypes[format]);
  return new Response(await loadBody(), { status: 200, headers });
}

/** Unexpected failures (a database outage) become a calm 503 plus a log line, never a 500. */
async function guarded(request: Request, label: string, handler: () => Promise<Response>) {
  try {
    return await handler();
  } catch (error) {
    log.error({ err: error, feed: label }, "feed failed");
    return plainText(request, 503, "unavailable");
  }
}

/**
 * A public feed as this process last read it: what its validators depend on, plus its rendered
 * bytes per format, made at most once. A busy public feed then costs one database read per
 * PUBLIC_FEED_MEMORY.ms instead of one per request (see lib/feed/cache.ts for why that is safe).
 */
type PublicFeed =
  | { state: "missing" }
  | { state: "gone" }
  | {
      state: "live";
      /** The cause whose feed this is (group feeds have none): its fetches are counted. */
      topicId?: string;
      language: string;
      lastModified: Date;
      etag: (format: FeedFormat) => string;
      body: (format: FeedFormat) => Promise<string>;
    };

const publicFeeds = createShortCache<PublicFeed>(PUBLIC_FEED_MEMORY);

function livePublicFeed(
  language: string,
  lastModified: Date,
  etagParts: (format: FeedFormat) => Parameters<typeof computeFeedEtag>[0],
  loadDocument: () => Promise<FeedDocument>,
  topicId?: string,
): PublicFeed {
  let document: Promise<FeedDocument> | undefined;
  const bodies = new Map<FeedFormat, Promise<string>>();
  const etags = new Map<FeedFormat, string>();
  return {
    state: "live",
    topicId,
    language,
    lastModified,
    etag(format) {
      let etag = etags.get(format);
      if (!etag) etags.set(format, (etag = computeFeedEtag(etagParts(format))));
      return etag;
    },
    body(format) {
      let body = bodies.get(format);
      if (!body) {
        document ??= loadDocument();
        body = document.then((doc) => renderFeed(doc, format));
        bodies.set(format, body);
        // A failed load is not remembered: the next request tries again.
        body.catch(() => {
          document = undefined;
          bodies.delete(format);
        });
      }
      return body;
    },
  };
}

/** Answers a request for a public (cause or group) feed from what publicFeeds remembers. */
async function publicFeedResponse(request: Request, format: FeedFormat, feed: PublicFeed) {
  if (feed.state === "missing") return plainText(request, 404, "notFound");
  if (feed.state === "gone") return plainText(request, 410, "gone");
  return feedResponse(
    request,
    format,
    { etag: feed.etag(format), lastModified: feed.lastModified },
    {
      "Cache-Control": PUBLIC_CACHE,
      "Content-Language": feed.language,
      "Access-Control-Allow-Origin": "*",
      // WebSub discovery: the hub to subscribe at, and this feed's own address.
      Link: hubLinkHeader(HUB_URL, absoluteUrl(new URL(request.url).pathname)),
    },
    () => feed.body(format),
  );
}

/** GET /api/feeds/c/<slug>/<format>: a published or archived cause's public feed. */
export function serveCauseFeed(request: Request, params: { slug: string; format: string }) {
  return guarded(request, "cause feed", async () => {
    const { slug, format } = params;
    if (!isFeedFormat(format) || !SLUG_SHAPE.test(slug)) return plainText(request, 404, "notFound");
    const feed = await publicFeeds(`cause:${slug}`, async () => {
      const version = await getCauseFeedVersion(slug);
      if (!version) return { state: "missing" };
      if (isGone(version.topic.status)) return { state: "gone" };
      const { topic, updateCount, lastPublishedAt, lastCorrectedAt } = version;
      const lastModified = lastModifiedOf([topic.updatedAt, lastPublishedAt, lastCorrectedAt]);
      return livePublicFeed(
        topic.language,
        lastModified,
        (format) => [
          "cause", FEED_RENDER_VERSION, format, env.APP_URL,
          topic.id, topic.status, topic.updatedAt, updateCount, lastPublishedAt, lastCorrectedAt,
        ],
        async () => causeFeedDocument(topic, await getCauseFeedUpdates(topic.id), lastModified),
        topic.id,
      );
    });
    // A feed reader's fetch counts as a read in the cause's hourly counter (not its content).
    if (feed.state === "live" && feed.topicId) {
      countRead({ topicId: feed.topicId, channel: "feed" }, { client: clientNetworkFrom(request.headers), agent: request.headers.get("user-agent") });
    }
    return publicFeedResponse(request, format, feed);
  });
}

/** GET /api/feeds/me/<token>/<format>: a reader's private "Mein Feed", for their feed reader. */
export function serveReaderFeed(request: Request, params: { token: string; format: string }) {
  return guarded(request, "reader feed", async () => {
    const { token, format } = params;
    if (!isFeedFormat(format)) return plainText(request, 404, "notFound");
    // Malformed, forged and revoked tokens all look the same from outside: 404.
    const owner = await findReaderFeedToken(token);
    if (!owner) return plainText(request, 404, "notFound");

    const locale = requestLocale(request);
    const version = await getReaderFeedVersion(owner.userId, FEED_ITEM_LIMIT);
    const lastModified = lastModifiedOf([
      owner.createdAt, version.lastFollowedAt, version.lastLeftAt, version.topicsUpdatedAt, ...entriesChangedAt(version.entries),
    ]);
    const etag = computeFeedEtag([
      "reader", FEED_RENDER_VERSION, format, env.APP_URL, locale, owner.id, owner.createdAt,
      version.followingCount, version.lastFollowedAt, version.lastLeftAt, version.topicsUpdatedAt,
      entriesSignature(version.entries),
    ]);
    return feedResponse(
      request,
      format,
      { etag, lastModified },
      {
        "Cache-Control": PRIVATE_CACHE,
        Vary: "Accept-Language",
        "Content-Language": locale,
        "X-Robots-Tag": "noindex, nofollow",
        "Referrer-Policy": "no-referrer",
      },
      async () =>
        renderFeed(
          readerFeedDocument(
            { token, feedKey: readerFeedKey(owner.userId) },
            await getReaderFeedEntries(owner.userId, FEED_ITEM_LIMIT),
            lastModified,
            locale,
          ),
          format,
        ),
    );
  });
}

/** GET /api/feeds/g/<slug>/<format>: a partner group's joint feed (updates of its current members). */
export function serveGroupFeed(request: Request, params: { slug: string; format: string }) {
  return guarded(request, "group feed", async () => {
    const { slug, format } = params;
    if (!isFeedFormat(format) || !SLUG_SHAPE.test(slug)) return plainText(request, 404, "notFound");
    const feed = await publicFeeds(`group:${slug}`, async () => {
      const version = await getGroupFeedVersion(slug);
      if (!version) return { state: "missing" };
      if (version.group.status === "suspended") return { state: "gone" };
      const { group } = version;
      const lastModified = lastModifiedOf([
        group.updatedAt, version.lastJoinedAt, version.lastEndedAt, version.topicsUpdatedAt, ...entriesChangedAt(version.entries),
      ]);
      return livePublicFeed(
        group.language,
        lastModified,
        (format) => [
          "group", FEED_RENDER_VERSION, format, env.APP_URL, group.id, group.status, group.updatedAt,
          version.memberCount, version.lastJoinedAt, version.lastEndedAt, version.topicsUpdatedAt,
          entriesSignature(version.entries),
        ],
        async () => groupFeedDocument(group, await getGroupFeedEntries(version.topicIds, FEED_ITEM_LIMIT), lastModified),
      );
    });
    return publicFeedResponse(request, format, feed);
  });
}
