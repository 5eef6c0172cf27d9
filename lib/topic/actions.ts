"use server";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/action";
import { currentClientNetwork } from "@/lib/client";
import { revalidatePages } from "@/lib/revalidate";
import { changeCauseStatus, createCause, updateCause } from "./mutations";
import { changeTopicStatusSchema, createTopicSchema, updateTopicSchema } from "./schema";

export const createCauseAction = authAction(createTopicSchema, async (input, user) => {
  const topic = await createCause(user, input, await currentClientNetwork());
  redirect(`/dashboard/causes/${topic.id}?created=1`);
});

export const updateCauseAction = authAction(updateTopicSchema, async (input, user) => {
  const topic = await updateCause(user, input);
  revalidatePages("cause");
  const t = await getTranslations("dashboard");
  return { status: "ok" as const, message: t("saved"), values: { slug: topic.slug } };
});

export const changeCauseStatusAction = authAction(changeTopicStatusSchema, async (input, user) => {
  const topic = await changeCauseStatus(user, input);
  revalidatePages("cause");
  const t = await getTranslations("dashboard");
  return { status: "ok" as const, message: t(`statusChanged.${topic.status}`) };
});
