import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { localeCookie, pickLocale } from "./config";
import { messages } from "./messages";

export async function getRequestLocale() {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return pickLocale(cookieStore.get(localeCookie)?.value, headerStore.get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await getRequestLocale();
  return {
    locale,
    messages: messages[locale],
    timeZone: env.DEFAULT_TIME_ZONE,
  };
});
