"use server";
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/action";
import { correctUpdate, deleteUpdate, publishUpdate } from "./mutations";
import { correctUpdateSchema, deleteUpdateSchema, publishUpdateSchema } from "./schema";

export const publishUpdateAction = authAction(publishUpdateSchema, async (input, user) => {
  const update = await publishUpdate(user, input);
  revalidatePath("/", "layout");
  const t = await getTranslations("dashboard");
  return { status: "ok" as const, message: t("updatePublished"), values: { updateId: update.id } };
});

export const correctUpdateAction = authAction(correctUpdateSchema, async (input, user) => {
  const update = await correctUpdate(user, input);
  revalidatePath("/", "layout");
  redirect(`/dashboard/causes/${update.topic.id}?corrected=${encodeURIComponent(update.id)}`);
});

export const deleteUpdateAction = authAction(deleteUpdateSchema, async (input, user) => {
  const update = await deleteUpdate(user, input.updateId);
  revalidatePath("/", "layout");
  redirect(`/dashboard/causes/${update.topic.id}?deleted=1`);
});
