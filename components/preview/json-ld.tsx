/** Structured data for a cause page (filled in by the previews work). */
export function CauseJsonLd(_props: { cause: { slug: string; title: string; summary: string; language: string } }) {
  return null;
}
