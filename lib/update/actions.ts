"use server";
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { authAction } from "@/lib/action";
import { publishUpdate } from "./mutations";
import { publishUpdateSchema } from "./schema";

export const publishUpdateAction = authAction(publishUpdateSchema, async (input, user) => {
  const update = await publishUpdate(user, input);
  revalidatePath("/", "layout");
  const t = await getTranslations("dashboard");
  return { status: "ok" as const, message: t("updatePublished"), values: { updateId: update.id } };
});
