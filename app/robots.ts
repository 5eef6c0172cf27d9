import type { MetadataRoute } from "next";
import { ROBOTS_DISALLOW } from "@/lib/discovery/rules";
import { absoluteUrl } from "@/lib/url";

// Read at request time: APP_URL is the running instance's, not the build machine's.
export const dynamic = "force-dynamic";

/** /robots.txt: public pages open, personal and token pages closed, the sitemap named. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: [...ROBOTS_DISALLOW] },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
