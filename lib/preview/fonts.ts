import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { readCmapCoverage } from "./cmap";

/**
 * Fonts for the preview images, read from local files only. The site's own fonts
 * (@fontsource-variable/*) ship as WOFF2, which satori cannot read, so the images use Geist, the
 * TTF that Next ships for next/og. Scripts Geist lacks (Greek, Hebrew, Arabic…) use DejaVu Sans
 * when the host has it (Debian's fonts-dejavu-core); without it those letters are left out
 * rather than fetched.
 */
const PRIMARY = path.join(process.cwd(), "node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf");
const FALLBACKS = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
];

export const PREVIEW_FONT_FAMILY = "Geist";

export type PreviewFonts = {
  /** Fonts in the shape ImageResponse takes, the primary one first. */
  fonts: { name: string; data: Buffer; weight: 400; style: "normal" }[];
  /** Code points each font covers, in the same order (satori's order of preference). */
  coverage: Set<number>[];
  /** Names of the font files in use; part of the image ETag, since they change the pixels. */
  signature: string;
};

let loading: Promise<PreviewFonts> | undefined;

async function load(): Promise<PreviewFonts> {
  const primary = await fs.readFile(PRIMARY);
  const fonts: PreviewFonts["fonts"] = [{ name: PREVIEW_FONT_FAMILY, data: primary, weight: 400, style: "normal" }];
  const names = ["geist"];
  for (const file of FALLBACKS) {
    // System files outside the project: nothing for the build to trace.
    const data = await fs.readFile(/*turbopackIgnore: true*/ file).catch(() => null);
    if (!data) continue;
    fonts.push({ name: "Fallback", data, weight: 400, style: "normal" });
    names.push(path.basename(file));
    break;
  }
  return { fonts, coverage: fonts.map((font) => readCmapCoverage(font.data)), signature: names.join("+") };
}

/** The fonts, read once per process. A failed read is retried on the next request. */
export function previewFonts(): Promise<PreviewFonts> {
  loading ??= load().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
