import { guardedRoute } from "@/lib/http";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { pickLocale } from "@/lib/i18n/config";
import { causeLocale, embedTranslator, previewTranslator } from "@/lib/preview/i18n";
import { causeImagePath, embedPath, PREVIEW_IMAGE, updateImagePath } from "@/lib/preview/links";
import { oembedResponse, parseOembedQuery, resolveOembedTarget } from "@/lib/preview/oembed";
import { getPreviewPage } from "@/lib/preview/queries";
import { absoluteUrl } from "@/lib/url";

/**
 * oEmbed provider endpoint: ?url=<cause or update page>&format=json[&maxwidth&maxheight].
 * 400 for a missing or malformed parameter, 501 for format=xml, 404 for other hosts, unknown
 * pages and drafts. Messages follow the asker's Accept-Language.
 */
export const GET = guardedRoute("oembed", async (request: NextRequest) => {
  const t = previewTranslator(pickLocale(undefined, request.headers.get("accept-language")));
  const fail = (status: number, message: string) => NextResponse.json({ error: message }, { status });

  const parsed = parseOembedQuery(request.nextUrl.searchParams);
  if (!parsed.ok) return fail(400, t(`oembed.${parsed.error}`));
  const { query } = parsed;
  if (query.format !== "json") return fail(501, t("oembed.formatUnsupported"));

  const target = resolveOembedTarget(query.url, env.APP_URL);
  if (target === "otherHost") return fail(404, t("oembed.otherHost", { host: new URL(env.APP_URL).host }));
  const found = target ? await getPreviewPage(target.slug, target.updateId) : null;
  if (!found) return fail(404, t("oembed.notFound"));

  const { cause, update } = found;
  const title = update ? update.title : cause.title;
  const body = oembedResponse({
    title,
    frameTitle: embedTranslator(causeLocale(cause.language))("frameTitle", { title: cause.title }),
    embedUrl: absoluteUrl(embedPath(cause.slug)),
    providerUrl: absoluteUrl("/"),
    thumbnail: { url: absoluteUrl(update ? updateImagePath(cause.slug, update.id) : causeImagePath(cause.slug)), ...PREVIEW_IMAGE },
    query,
  });
  return NextResponse.json(body, { headers: { "Cache-Control": "public, max-age=3600" } });
});
