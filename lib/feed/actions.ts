"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { authAction } from "@/lib/action";
import { absoluteUrl } from "@/lib/url";
import { readerFeedPaths } from "./links";
import { revokeReaderFeedToken, rotateReaderFeedToken } from "./mutations";
import { getReaderFeedTokenInfo } from "./queries";

// Neither action takes input: the private feed always belongs to the acting reader.
const noInput = z.strictObject({});

/**
 * Creates the reader's private feed URL, or replaces it (the old one stops working). The URL is
 * returned in this one response only; afterwards only its hash exists.
 */
export const rotateReaderFeedTokenAction = authAction(noInput, async (_input, user) => {
  const t = await getTranslations("feeds.reader");
  const hadOne = (await getReaderFeedTokenInfo(user.id)) !== null;
  const { token, createdAt } = await rotateReaderFeedToken(user);
  const paths = readerFeedPaths(token);
  revalidatePath("/subscriptions");
  return {
    status: "ok" as const,
    message: t(hadOne ? "rotatedMessage" : "createdMessage"),
    values: {
      rss: absoluteUrl(paths.rss),
      atom: absoluteUrl(paths.atom),
      json: absoluteUrl(paths.json),
      createdAt: createdAt.toISOString(),
    },
  };
});

/** Switches the private feed URL off; the stored hash is deleted. */
export const revokeReaderFeedTokenAction = authAction(noInput, async (_input, user) => {
  const t = await getTranslations("feeds.reader");
  await revokeReaderFeedToken(user);
  revalidatePath("/subscriptions");
  return { status: "ok" as const, message: t("revokedMessage") };
});
