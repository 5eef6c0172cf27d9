import "server-only";
import { createHash } from "node:crypto";
import { ImageResponse } from "next/og";
import type { CSSProperties } from "react";
import { shapeArabic } from "./arabic";
import { PREVIEW_FONT_FAMILY, previewFonts, type PreviewFonts } from "./fonts";
import { PREVIEW_IMAGE, SITE_NAME } from "./links";
import { fitToFonts, truncate, visualLines } from "./text";
import { logger } from "@/lib/log.mjs";

const log = logger("preview");

/** What one preview image says; every text is already in the cause's language. */
export type PreviewCard = {
  /** Small line above the title (an update's cause), in the accent colour. */
  eyebrow?: string;
  title: string;
  summary?: string;
  /** Top right: tags of a cause, kind and date of an update. */
  meta?: string;
  /** Bottom left: where the link leads (host and path). */
  address: string;
  /** Bottom right: the pull promise. */
  promise: string;
};

// Bump when the layout changes, so caches holding an ETag of the old picture refetch.
const LAYOUT_VERSION = "1";

const colors = { accent: "#b4233c", ink: "#1c1917", muted: "#57534e", line: "#e7e5e4", paper: "#fbfaf8" };

// Titles shrink as they grow, so that even 120 characters stay legible in a 300px thumbnail.
function titleSize(length: number): number {
  if (length <= 32) return 84;
  if (length <= 60) return 70;
  if (length <= 90) return 60;
  return 52;
}

function Heart({ size }: { size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24">
      <path
        fill={colors.accent}
        d="M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54L12 21.35z"
      />
    </svg>
  );
}

/** A paragraph that may be right-to-left: RTL words flow from the right and wrap downwards. */
function Paragraph({ text, style }: { text: string; style: CSSProperties }) {
  const { dir, items } = visualLines(text);
  // break-word: a single 80-letter compound must wrap rather than run off the picture.
  if (dir === "ltr") return <div style={{ display: "flex", wordBreak: "break-word", ...style }}>{items.join(" ")}</div>;
  return (
    <div style={{ display: "flex", flexDirection: "row-reverse", flexWrap: "wrap", columnGap: "0.3em", ...style }}>
      {items.map((item, index) => (
        <span key={index}>{item}</span>
      ))}
    </div>
  );
}

function Card({ card }: { card: PreviewCard }) {
  const title = card.title;
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        backgroundColor: colors.paper,
        borderLeft: `18px solid ${colors.accent}`,
        padding: "56px 72px 48px 64px",
        fontFamily: PREVIEW_FONT_FAMILY,
        color: colors.ink,
      }}
    >
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 32 }}>
        {title ? (
          <div style={{ display: "flex", alignItems: "center", gap: 12, fontSize: 30, color: colors.accent, flexShrink: 0 }}>
            <Heart size={36} />
            <span>{SITE_NAME}</span>
          </div>
        ) : null}
        {card.meta ? (
          <div style={{ display: "block", marginLeft: "auto", fontSize: 24, color: colors.muted, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{card.meta}</div>
        ) : null}
      </div>

      <div style={{ display: "flex", flexDirection: "column", justifyContent: "center", flexGrow: 1, overflow: "hidden", paddingTop: 16 }}>
        {card.eyebrow ? <Paragraph text={card.eyebrow} style={{ fontSize: 32, color: colors.accent, marginBottom: 16 }} /> : null}
        {!title ? (
          // Nothing drawable is left (a title of emoji only): a branded card instead of a blank one.
          <div style={{ display: "flex", alignItems: "center", gap: 28, fontSize: 84, color: colors.accent }}>
            <Heart size={96} />
            <span>{SITE_NAME}</span>
          </div>
        ) : (
          <Paragraph
            text={title}
            style={{
              fontSize: titleSize(title.length),
              lineHeight: 1.12,
              letterSpacing: -1,
              color: colors.ink,
              // Geist ships in one weight only; a hairline stroke gives the headline some body.
              WebkitTextStroke: `1.5px ${colors.ink}`,
              overflow: "hidden",
              maxHeight: 360,
            }}
          />
        )}
        {card.summary ? (
          <Paragraph text={card.summary} style={{ fontSize: 32, lineHeight: 1.35, color: colors.muted, marginTop: 24, overflow: "hidden", maxHeight: 130 }} />
        ) : null}
      </div>

      <div
        style={{
          display: "flex",
          justifyContent: "space-between",
          alignItems: "center",
          gap: 32,
          borderTop: `2px solid ${colors.line}`,
          paddingTop: 22,
          fontSize: 22,
          color: colors.muted,
        }}
      >
        <span style={{ display: "block", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", flexShrink: 1 }}>{card.address}</span>
        <span style={{ flexShrink: 0 }}>{card.promise}</span>
      </div>
    </div>
  );
}

/** Every text cut to a size that fits and reduced to what the shipped fonts can draw. */
function prepare(card: PreviewCard, fonts: PreviewFonts): PreviewCard {
  const fit = (text: string | undefined, max: number) =>
    text ? truncate(fitToFonts(shapeArabic(text), fonts.coverage), max) : undefined;
  const title = fit(card.title, 120);
  const summary = fit(card.summary, 150);
  return {
    eyebrow: fit(card.eyebrow, 70),
    // A title that was all emoji leaves its place to the summary.
    title: title || (summary ? truncate(summary, 120) : ""),
    summary: title ? summary : undefined,
    meta: fit(card.meta, 60),
    address: fit(card.address, 60) ?? "",
    promise: fit(card.promise, 60) ?? "",
  };
}

async function render(card: PreviewCard, fonts: PreviewFonts): Promise<Uint8Array> {
  const response = new ImageResponse(<Card card={card} />, { ...PREVIEW_IMAGE, fonts: fonts.fonts });
  // Rendering happens while the body streams; reading it here turns a failure into an exception
  // we can handle instead of a truncated 200.
  return new Uint8Array(await response.arrayBuffer());
}

const CACHE_CONTROL = "public, max-age=600, stale-while-revalidate=86400";

/**
 * The PNG answer for one preview card: ETag from what the picture shows (304 when it matches),
 * never a 500 — a card that fails to render falls back to the plain branded card.
 */
export async function previewImageResponse(request: Request, input: PreviewCard): Promise<Response> {
  let fonts: PreviewFonts;
  try {
    fonts = await previewFonts();
  } catch (error) {
    log.error({ err: error }, "fonts unavailable");
    return new Response("Preview images are unavailable right now.", { status: 503, headers: { "Retry-After": "60" } });
  }
  const card = prepare(input, fonts);
  const etag = `"${createHash("sha256").update(JSON.stringify([LAYOUT_VERSION, fonts.signature, card])).digest("base64url").slice(0, 27)}"`;
  const headers = { ETag: etag, "Cache-Control": CACHE_CONTROL };
  const known = request.headers.get("if-none-match");
  if (known && known.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }

  let png: Uint8Array;
  try {
    png = await render(card, fonts);
  } catch (error) {
    log.error({ err: error }, "image failed, sending the plain card");
    try {
      png = await render({ title: "", address: card.address, promise: card.promise }, fonts);
    } catch (fallbackError) {
      log.error({ err: fallbackError }, "plain card failed too");
      return new Response("Preview image unavailable.", { status: 503, headers: { "Retry-After": "60" } });
    }
    // The plain card is not what the ETag describes: let nobody keep it for long.
    return new Response(png as BodyInit, { headers: { "Content-Type": "image/png", "Cache-Control": "no-store" } });
  }
  return new Response(png as BodyInit, { headers: { ...headers, "Content-Type": "image/png", "Content-Length": String(png.byteLength) } });
}
