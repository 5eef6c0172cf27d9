import "server-only";
import QRCode from "qrcode";

// Error correction "M" survives a crease or a coffee stain on a poster; the margin is the quiet zone.
const options = { errorCorrectionLevel: "M" as const, margin: 2 };

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...options, type: "svg", color: { dark: "#1c1917", light: "#ffffff" } });
}

export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...options, type: "png", width: 1024, color: { dark: "#1c1917", light: "#ffffff" } });
}
