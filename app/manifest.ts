import type { MetadataRoute } from "next";
import { createTranslator } from "next-intl";
import { defaultLocale } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";

/** The web app manifest: name, colours and icons for "add to home screen". */
export default function manifest(): MetadataRoute.Manifest {
  const t = createTranslator({ locale: defaultLocale, messages: messages[defaultLocale], namespace: "meta" });
  return {
    name: "Herzensthema",
    short_name: "Herzensthema",
    description: t("description"),
    lang: defaultLocale,
    start_url: "/",
    display: "standalone",
    background_color: "#fbfaf8",
    theme_color: "#b4233c",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
}
