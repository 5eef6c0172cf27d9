import "server-only";
import { db } from "@/lib/db";

/** The newest mails in the development outbox. */
export async function listOutboxMails(take = 50) {
  return db.outboxMail.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}

/** Links in a mail's text, so the outbox page can make them clickable. */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
}
