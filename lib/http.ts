import "server-only";
import { pickLocale } from "@/lib/i18n/config";
import { logger } from "@/lib/log.mjs";

const log = logger("http");

const unavailable = { de: "Vorübergehend nicht erreichbar. Bitte gleich noch einmal versuchen.", en: "Temporarily unavailable. Please try again in a moment." };

/**
 * For machine endpoints: an unexpected failure (a database outage) becomes a calm, translated
 * 503 plus a log line — never a 500 with a stack trace.
 */
export function guardedRoute<R extends Request, A extends unknown[]>(
  label: string,
  handler: (request: R, ...rest: A) => Promise<Response>,
) {
  return async (request: R, ...rest: A): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      log.error({ err: error, handler: label }, "request failed");
      const locale = pickLocale(undefined, request.headers.get("accept-language"));
      return new Response(unavailable[locale], {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
      });
    }
  };
}
