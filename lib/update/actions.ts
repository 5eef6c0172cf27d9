"use server";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/action";
import { revalidatePages } from "@/lib/revalidate";
import { correctUpdate, deleteUpdate, publishUpdate } from "./mutations";
import { correctUpdateSchema, deleteUpdateSchema, publishUpdateSchema } from "./schema";

export const publishUpdateAction = authAction(publishUpdateSchema, async (input, user) => {
  const update = await publishUpdate(user, input);
  revalidatePages("update");
  const t = await getTranslations("dashboard");
  return { status: "ok" as const, message: t("updatePublished"), values: { updateId: update.id } };
});

export const correctUpdateAction = authAction(correctUpdateSchema, async (input, user) => {
  const update = await correctUpdate(user, input);
  revalidatePages("update");
  redirect(`/dashboard/causes/${update.topic.id}?corrected=${encodeURIComponent(update.id)}`);
});

export const deleteUpdateAction = authAction(deleteUpdateSchema, async (input, user) => {
  const update = await deleteUpdate(user, input.updateId);
  revalidatePages("update");
  redirect(`/dashboard/causes/${update.topic.id}?deleted=1`);
});
