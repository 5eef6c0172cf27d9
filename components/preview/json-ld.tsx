import { causeStructuredData, serializeJsonLd, updateStructuredData } from "@/lib/preview/structured-data";

type Cause = Parameters<typeof causeStructuredData>[0];
type Update = Parameters<typeof updateStructuredData>[1];

function JsonLd({ data }: { data: unknown }) {
  // serializeJsonLd escapes <, > and &, so no title can end the script element early.
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}

/** Structured data for a cause page (schema.org WebPage). */
export function CauseJsonLd({ cause }: { cause: Cause }) {
  return <JsonLd data={causeStructuredData(cause)} />;
}

/** Structured data for an update permalink (schema.org NewsArticle / Article, part of its cause). */
export function UpdateJsonLd({ cause, update }: { cause: Cause; update: Update }) {
  return <JsonLd data={updateStructuredData(cause, update)} />;
}
