// Client-safe (no Node APIs): the share kit computes these live while the publisher edits the text.

export const DEFAULT_MASTODON_INSTANCE = "mastodon.social";

/** A Mastodon instance as people type it ("@social.example", "https://chaos.social/") → host, or null. */
export function normaliseInstance(input: string): string | null {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^@/, "")
    .replace(/\/.*$/, "");
  return /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(host) ? host : null;
}

export type ShareTarget = "mastodon" | "bluesky" | "linkedin" | "xing" | "email" | "whatsapp";

/**
 * Share-intent links that open the network's own composer prefilled with the publisher's text.
 * Nothing is posted by the app; the publisher reviews and sends it themselves.
 */
export function shareIntentUrls(input: { url: string; text: string; subject: string; mastodonInstance?: string }) {
  const message = input.text.includes(input.url) ? input.text : `${input.text}\n\n${input.url}`.trim();
  const e = encodeURIComponent;
  const instance = normaliseInstance(input.mastodonInstance ?? "") ?? DEFAULT_MASTODON_INSTANCE;
  return {
    mastodon: `https://${instance}/share?text=${e(message)}`,
    bluesky: `https://bsky.app/intent/compose?text=${e(message)}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${e(input.url)}`,
    xing: `https://www.xing.com/spi/shares/new?url=${e(input.url)}`,
    email: `mailto:?subject=${e(input.subject)}&body=${e(message)}`,
    whatsapp: `https://wa.me/?text=${e(message)}`,
  } satisfies Record<ShareTarget, string>;
}
