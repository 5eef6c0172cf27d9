import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { generateReaderFeedToken, hashReaderFeedToken } from "./rules";

type Actor = Pick<CurrentUser, "id">;

/**
 * Gives the acting reader a new private feed URL: creates the token, or replaces the old one so
 * the old URL stops working at once. Returns the plaintext token — the only time it exists
 * outside the reader's hands; the database keeps its hash.
 */
export async function rotateReaderFeedToken(actor: Actor) {
  const token = generateReaderFeedToken();
  const tokenHash = hashReaderFeedToken(token);
  const createdAt = new Date();
  await db.readerFeedToken.upsert({
    where: { userId: actor.id },
    create: { userId: actor.id, tokenHash, createdAt },
    update: { tokenHash, createdAt },
  });
  return { token, createdAt };
}

/** Switches the acting reader's private feed off. Revoking twice changes nothing. */
export async function revokeReaderFeedToken(actor: Actor) {
  await db.readerFeedToken.deleteMany({ where: { userId: actor.id } });
}
