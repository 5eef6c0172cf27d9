"use server";
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { authAction } from "@/lib/action";
import { currentClientNetwork } from "@/lib/client";
import { archiveShareRef, createInvitation, createShareRef, withdrawInvitation } from "./mutations";
import { archiveShareRefSchema, createInvitationSchema, createShareRefSchema, withdrawInvitationSchema } from "./schema";

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

export const createInvitationAction = authAction(createInvitationSchema, async (input, user) => {
  const ref = await createInvitation(user, input, await currentClientNetwork());
  revalidatePath(`/dashboard/causes/${input.topicId}/share`);
  const t = await getTranslations("share.invitations");
  return { status: "ok" as const, message: t("created", { name: ref.label }), values: { refId: ref.id } };
});

export const withdrawInvitationAction = authAction(withdrawInvitationSchema, async ({ refId }, user) => {
  const ref = await withdrawInvitation(user, refId);
  revalidatePath(`/dashboard/causes/${ref.topicId}/share`);
  revalidatePath(`/i/${ref.code}`);
});
