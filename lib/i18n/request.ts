import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { localeCookie, pickLocale } from "./config";

export async function getRequestLocale() {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return pickLocale(cookieStore.get(localeCookie)?.value, headerStore.get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await getRequestLocale();
  return {
    locale,
    messages: (await import(`./messages/${locale}.json`)).default,
    timeZone: env.DEFAULT_TIME_ZONE,
  };
});
