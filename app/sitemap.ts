import type { MetadataRoute } from "next";
import { listSitemapEntries } from "@/lib/discovery/queries";
import { absoluteUrl } from "@/lib/url";

// From the database at request time (nginx may keep it a few minutes; see deploy/nginx).
export const dynamic = "force-dynamic";

/** /sitemap.xml: published causes, their updates and partner groups (lib/discovery). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const entries = await listSitemapEntries();
  return [
    { url: absoluteUrl("/"), changeFrequency: "daily" },
    { url: absoluteUrl("/explore"), changeFrequency: "daily" },
    { url: absoluteUrl("/g"), changeFrequency: "weekly" },
    ...entries.map(({ path, lastModified }) => ({ url: absoluteUrl(path), lastModified })),
  ];
}
