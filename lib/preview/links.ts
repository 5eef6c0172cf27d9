/** Where the previews of a cause and its updates live (paths; make them absolute with absoluteUrl). */

export const SITE_NAME = "Herzensthema";

export const PREVIEW_IMAGE = { width: 1200, height: 630 } as const;

export const causePath = (slug: string) => `/c/${slug}`;
export const updatePath = (slug: string, updateId: string) => `/c/${slug}/u/${updateId}`;

export const causeImagePath = (slug: string) => `/api/og/c/${slug}`;
export const updateImagePath = (slug: string, updateId: string) => `/api/og/c/${slug}/u/${updateId}`;

/** The follow card publishers put on their own website (the only page that may be framed). */
export const embedPath = (slug: string) => `/embed/c/${slug}`;

/** oEmbed discovery: the endpoint asked about one absolute page URL. */
export const oembedPath = (pageUrl: string) => `/api/oembed?url=${encodeURIComponent(pageUrl)}&format=json`;

export const OEMBED_MIME = "application/json+oembed";
