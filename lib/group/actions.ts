"use server";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/action";
import { currentClientNetwork } from "@/lib/client";
import { revalidatePages } from "@/lib/revalidate";
import { followGroup, leaveGroupFollow, setPartnerNews } from "@/lib/subscription/mutations";
import {
  createGroup,
  handOverGroup,
  inviteCause,
  leaveGroup,
  removeMember,
  respondToInvitation,
  withdrawInvitation,
} from "./mutations";
import {
  createGroupSchema,
  handOverGroupSchema,
  inviteCauseSchema,
  leaveGroupSchema,
  removeMemberSchema,
  respondToInvitationSchema,
  setPartnerNewsSchema,
  toggleGroupFollowSchema,
  withdrawInvitationSchema,
} from "./schema";

// Thin doors: parse, act for the signed-in user, revalidate, say what happened. Messages are under
// "groupActions" (lib/i18n/messages/group-rules.*.json).

const ok = (message: string, values?: Record<string, string>) => ({ status: "ok" as const, message, values });

export const createGroupAction = authAction(createGroupSchema, async (input, user) => {
  const group = await createGroup(user, input, await currentClientNetwork());
  revalidatePages("group");
  redirect(`/dashboard/groups/${group.id}?created=1`);
});

export const inviteCauseAction = authAction(inviteCauseSchema, async (input, user) => {
  const invitation = await inviteCause(user, input, await currentClientNetwork());
  revalidatePages("invitations");
  // The search result that held the form now says "already invited": the confirmation goes on the
  // page itself, where it stays readable.
  redirect(`/dashboard/groups/${input.groupId}?invited=${encodeURIComponent(invitation.topicId)}`);
});

export const respondToInvitationAction = authAction(respondToInvitationSchema, async (input, user) => {
  const { group } = await respondToInvitation(user, input);
  revalidatePages("invitations", "group");
  // Accepting shows the group the cause just joined; declining stays in the inbox.
  if (input.response === "accept") redirect(`/g/${group.slug}?joined=1`);
  // The invitation leaves the inbox, and its card with it: the inbox page says what happened.
  redirect(`/dashboard/groups?declined=${encodeURIComponent(group.slug)}`);
});

export const withdrawInvitationAction = authAction(withdrawInvitationSchema, async (input, user) => {
  await withdrawInvitation(user, input);
  revalidatePages("invitations");
  const t = await getTranslations("groupActions");
  return ok(t("withdrawn"));
});

export const leaveGroupAction = authAction(leaveGroupSchema, async (input, user) => {
  const { group, stillMember } = await leaveGroup(user, input);
  revalidatePages("group", "invitations"); // an archived group's invitations are withdrawn
  // The management page is only for members: whoever has no cause left in the group moves on.
  if (!stillMember) redirect(`/dashboard/groups?left=${group.status === "archived" ? "archived" : "1"}`);
  const t = await getTranslations("groupActions");
  return ok(t("left", { group: group.name }));
});

export const removeMemberAction = authAction(removeMemberSchema, async (input, user) => {
  const { membership } = await removeMember(user, input);
  revalidatePages("group");
  const t = await getTranslations("groupActions");
  return ok(t("removed", { cause: membership.topic.title }));
});

export const handOverGroupAction = authAction(handOverGroupSchema, async (input, user) => {
  const group = await handOverGroup(user, input);
  revalidatePages("group");
  const t = await getTranslations("groupActions");
  return ok(t("handedOver", { cause: group.adminTopic?.title ?? "" }));
});

export const toggleGroupFollowAction = authAction(toggleGroupFollowSchema, async ({ intent, ...input }, user) => {
  if (intent === "follow") await followGroup(user, input);
  else await leaveGroupFollow(user, input);
  revalidatePages("follows");
  return { status: "ok" as const, values: { following: intent === "follow" ? "1" : "0" } };
});

export const setPartnerNewsAction = authAction(setPartnerNewsSchema, async (input, user) => {
  const subscription = await setPartnerNews(user, input);
  revalidatePages("follows");
  const t = await getTranslations("groupActions");
  const on = subscription.partnerNews;
  return ok(t(on ? "partnerNewsOn" : "partnerNewsOff"), { partnerNews: on ? "on" : "off" });
});
