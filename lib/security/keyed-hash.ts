import { createHmac } from "node:crypto";

/**
 * A pseudonym for something personal (an address, a network, a User-Agent) that may be kept or
 * compared but never read back: HMAC-SHA256 under the instance's secret over the parts, so nobody
 * without the secret can test a guess against it. Parts are joined by NUL, which no part contains.
 */
export function keyedHash(secret: string, parts: string[], length: number): string {
  return createHmac("sha256", secret).update(parts.join("\u0000")).digest("base64url").slice(0, length);
}
