"use server";
import { cookies } from "next/headers";
import { isLocale, localeCookie } from "./config";

/** Remembers the reader's language choice for a year. Unknown values are ignored. */
export async function setLocaleAction(formData: FormData) {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}
