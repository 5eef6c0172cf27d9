import { z } from "zod";
import { escapeHtml } from "./html";

/**
 * oEmbed (https://oembed.com): a site that is given a cause or update link asks
 * /api/oembed?url=…&format=json and gets the follow card as an iframe to put on its page.
 */

export type OembedError = "urlMissing" | "urlInvalid" | "sizeInvalid" | "formatInvalid";

// An empty parameter counts as not given, as most consumers send `maxwidth=` when they have none.
const optionalSize = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z.coerce.number({ error: "sizeInvalid" }).int("sizeInvalid").min(1, "sizeInvalid").max(10_000, "sizeInvalid").optional(),
);

export const oembedQuerySchema = z.object({
  url: z.preprocess(
    (value) => (value === null ? undefined : value),
    z
      .string({ error: "urlMissing" })
      .trim()
      .min(1, "urlMissing")
      .max(2000, "urlInvalid")
      .pipe(z.url({ protocol: /^https?$/, error: "urlInvalid" })),
  ),
  format: z.preprocess(
    (value) => (value === null || value === "" ? undefined : value),
    z.enum(["json", "xml"], { error: "formatInvalid" }).default("json"),
  ),
  maxwidth: optionalSize,
  maxheight: optionalSize,
});

export type OembedQuery = z.infer<typeof oembedQuerySchema>;

/** The query of an oEmbed request, or the key of the message that explains what is wrong. */
export function parseOembedQuery(params: URLSearchParams): { ok: true; query: OembedQuery } | { ok: false; error: OembedError } {
  const parsed = oembedQuerySchema.safeParse({
    url: params.get("url"),
    format: params.get("format"),
    maxwidth: params.get("maxwidth"),
    maxheight: params.get("maxheight"),
  });
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, error: (parsed.error.issues[0]?.message ?? "urlInvalid") as OembedError };
}

export type OembedTarget = { slug: string; updateId?: string };

/**
 * Which page of this app a URL names: a cause (/c/<slug>) or an update (/c/<slug>/u/<id>).
 * "otherHost" when it points elsewhere; null when it is on this app but no such page.
 * The query (?ref=…) and the fragment do not matter; http and https are the same page.
 */
export function resolveOembedTarget(url: string, appUrl: string): OembedTarget | "otherHost" | null {
  const target = new URL(url);
  if (target.host.toLowerCase() !== new URL(appUrl).host.toLowerCase()) return "otherHost";
  const match = /^\/c\/([a-z0-9-]{1,80})(?:\/u\/([a-z0-9]{1,40}))?\/?$/i.exec(target.pathname);
  if (!match) return null;
  return match[2] ? { slug: match[1].toLowerCase(), updateId: match[2] } : { slug: match[1].toLowerCase() };
}

/** The follow card's natural size; consumers may ask for less with maxwidth / maxheight. */
export const EMBED_FRAME = { width: 480, height: 400 } as const;

export function embedFrameSize(query: Pick<OembedQuery, "maxwidth" | "maxheight">) {
  return {
    width: Math.min(EMBED_FRAME.width, query.maxwidth ?? EMBED_FRAME.width),
    height: Math.min(EMBED_FRAME.height, query.maxheight ?? EMBED_FRAME.height),
  };
}

type OembedInput = {
  title: string;
  frameTitle: string;
  embedUrl: string;
  providerUrl: string;
  thumbnail: { url: string; width: number; height: number };
  query: Pick<OembedQuery, "maxwidth" | "maxheight">;
};

/** The "rich" oEmbed answer: the follow card in a sandboxed iframe, and the preview picture. */
export function oembedResponse({ title, frameTitle, embedUrl, providerUrl, thumbnail, query }: OembedInput) {
  const { width, height } = embedFrameSize(query);
  // The card needs no script; popups may escape the sandbox so the cause page opens normally.
  const html =
    `<iframe src="${escapeHtml(embedUrl)}" width="${width}" height="${height}" title="${escapeHtml(frameTitle)}" ` +
    `loading="lazy" style="border:0;max-width:100%" ` +
    `sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"></iframe>`;
  // The spec asks thumbnails to respect maxwidth/maxheight too; ours has one size, so it is left
  // out when it would not fit.
  const thumbnailFits = (query.maxwidth ?? Infinity) >= thumbnail.width && (query.maxheight ?? Infinity) >= thumbnail.height;
  return {
    version: "1.0",
    type: "rich",
    title,
    provider_name: "Herzensthema",
    provider_url: providerUrl,
    html,
    width,
    height,
    cache_age: 3600,
    ...(thumbnailFits
      ? { thumbnail_url: thumbnail.url, thumbnail_width: thumbnail.width, thumbnail_height: thumbnail.height }
      : {}),
  };
}
