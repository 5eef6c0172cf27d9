import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { causeSearchText } from "@/lib/topic/rules";

/** A unique stamp per call, so tests never share users or causes. */
export const stamp = () => randomUUID().slice(0, 8);

export async function createUser(label = "reader") {
  const s = stamp();
  return db.user.create({ data: { email: `${label}-${s}@test.local`, name: `${label} ${s}` } });
}

export async function createPublishedCause(ownerId: string, overrides: { title?: string; language?: "de" | "en" } = {}) {
  const s = stamp();
  const title = overrides.title ?? `Cause ${s}`;
  return db.topic.create({
    data: {
      slug: `cause-${s}`,
      title,
      summary: `Summary ${s}`,
      searchText: causeSearchText({ title, summary: `Summary ${s}` }),
      language: overrides.language ?? "de",
      status: "published",
      publishedAt: new Date(),
      ownerId,
    },
  });
}
