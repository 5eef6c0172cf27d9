/**
 * Where a sign-in may send the user back to: a path on this site, never another host. Refuses
 * what browsers read as another host ("//x", "/\x", tabs or newlines inside), absolute URLs and
 * anything that does not parse; returns path, query and hash.
 */
export function safeReturnPath(value: unknown, fallback = "/feed"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 500) return fallback;
  if (/[\\\u0000-\u001F\u007F]/.test(value)) return fallback;
  try {
    const base = "http://return.invalid";
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Whether a POST comes from a page of this site: its Origin is the app's own, or — where the page
 * sends no Referer (token pages), browsers say Origin "null" — the browser marks it same-origin.
 */
export function isSameOriginPost(headers: Pick<Headers, "get">, appUrl: string): boolean {
  const origin = headers.get("origin");
  if (origin && origin !== "null") return origin === new URL(appUrl).origin;
  return headers.get("sec-fetch-site") === "same-origin";
}
