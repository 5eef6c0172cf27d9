import type { AppLocale } from "./config";
import coreDe from "./messages/de.json";
import coreEn from "./messages/en.json";
import feedsDe from "./messages/feeds.de.json";
import feedsEn from "./messages/feeds.en.json";
import previewsDe from "./messages/previews.de.json";
import previewsEn from "./messages/previews.en.json";
import shareDe from "./messages/share.de.json";
import shareEn from "./messages/share.en.json";

// One file per area keeps each file reviewable; every area owns its own top-level namespaces.
export const messages: Record<AppLocale, typeof coreEn> = {
  de: { ...coreDe, ...feedsDe, ...previewsDe, ...shareDe },
  en: { ...coreEn, ...feedsEn, ...previewsEn, ...shareEn },
};
