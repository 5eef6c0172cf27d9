import { z } from "zod";
import { EMAIL_MAX, EMAIL_PATTERN } from "@/lib/email-address";
import { safeReturnPath } from "./rules";

function pathOf(value: string): string {
  try {
    const url = new URL(value);
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return value; // already a path (or nonsense, which safeReturnPath refuses)
  }
}

/** What a sign-in mail's link carries to the confirm page: next-auth's one-time token and address. */
export const signInConfirmSchema = z.object({
  token: z.string().regex(/^[a-f0-9]{32,128}$/),
  email: z.email({ pattern: EMAIL_PATTERN }).max(EMAIL_MAX),
  // next-auth puts an absolute URL here; only its path is kept, so it can only lead back into the app.
  callbackUrl: z.string().max(500).default("/feed").transform((value) => safeReturnPath(pathOf(value))),
});
