"use server";
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { authAction } from "@/lib/action";
import { currentClientNetwork } from "@/lib/client";
import { archiveShareRef, createShareRef } from "./mutations";
import { archiveShareRefSchema, createShareRefSchema } from "./schema";

export const createShareRefAction = authAction(createShareRefSchema, async (input, user) => {
  const ref = await createShareRef(user, input, await currentClientNetwork());
  revalidatePath(`/dashboard/causes/${input.topicId}/share`);
  const t = await getTranslations("share");
  return { status: "ok" as const, message: t("created", { label: ref.label }), values: { refId: ref.id } };
});

export const archiveShareRefAction = authAction(archiveShareRefSchema, async ({ refId }, user) => {
  const ref = await archiveShareRef(user, refId);
  revalidatePath(`/dashboard/causes/${ref.topicId}/share`);
});
