/** "Subscribe by feed": the purest pull, next to Follow (filled in by the feeds work). */
export function FeedChoice(_props: { slug: string; title: string }) {
  return null;
}
