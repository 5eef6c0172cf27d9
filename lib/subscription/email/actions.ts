"use server";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { authAction, publicAction } from "@/lib/action";
import { currentClientNetwork } from "@/lib/client";
import { DomainError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { revalidatePages } from "@/lib/revalidate";
import { confirmEmailFollow, requestEmailFollow, setEmailChannel } from "./mutations";
import { recordLeaveReason, resumeEmailDelivery, sendFreshPreferencesLink, updateEmailPreferences } from "./preferences";
import { preferencesPath, subscriptionIdFromAnyPreferencesToken, subscriptionIdFromPreferencesToken } from "./queries";
import {
  leaveReasonSchema,
  ownPreferencesSchema,
  ownSubscriptionSchema,
  preferencesByTokenSchema,
  requestEmailFollowSchema,
  setEmailChannelSchema,
  tokenSchema,
} from "./schema";

async function uiLocale() {
  const locale = await getLocale();
  return isLocale(locale) ? locale : "de";
}

/** Follow by email without an account. The answer is the same whether or not a mail went out. */
export const requestEmailFollowAction = publicAction(requestEmailFollowSchema, async (input) => {
  await requestEmailFollow({ ...input, locale: await uiLocale(), client: await currentClientNetwork() });
  const t = await getTranslations("email.follow");
  return { status: "ok" as const, message: t("checkInbox") };
});

/** The Confirm button on the confirmation page; then straight on to the preferences. */
export const confirmEmailFollowAction = publicAction(tokenSchema, async ({ token }) => {
  const result = await confirmEmailFollow(token);
  revalidatePages("follows", "emailSettings");
  // A refused link shows its page again, which now explains why (expired, used, invalid).
  redirect(result.status === "confirmed" ? `${preferencesPath(result.subscriptionId)}?confirmed=1` : `/email/confirm/${encodeURIComponent(token)}`);
});

const saved = async (changed: boolean) => {
  const t = await getTranslations("email.prefs");
  revalidatePages("emailSettings");
  return { status: "ok" as const, message: t(changed ? "saved" : "noChanges") };
};

function ownerFromToken(token: string) {
  const subscriptionId = subscriptionIdFromPreferencesToken(token);
  if (!subscriptionId) throw new DomainError("linkExpired");
  return { subscriptionId };
}

export const updatePreferencesByTokenAction = publicAction(preferencesByTokenSchema, async ({ token, ...input }) => {
  const result = await updateEmailPreferences(ownerFromToken(token), input, "/email/preferences");
  return saved(result.changed);
});

export const updateOwnPreferencesAction = authAction(ownPreferencesSchema, async ({ subscriptionId, ...input }, user) => {
  const result = await updateEmailPreferences({ subscriptionId, userId: user.id }, input, "/subscriptions");
  return saved(result.changed);
});

export const resumeDeliveryByTokenAction = publicAction(tokenSchema, async ({ token }) => {
  const result = await resumeEmailDelivery(ownerFromToken(token), "/email/preferences");
  return saved(result.changed);
});

export const resumeOwnDeliveryAction = authAction(ownSubscriptionSchema, async ({ subscriptionId }, user) => {
  const result = await resumeEmailDelivery({ subscriptionId, userId: user.id }, "/subscriptions");
  return saved(result.changed);
});

/** "Send me a fresh link" on an expired preferences link: neutral answer, rate-limited mail. */
export const freshPreferencesLinkAction = publicAction(tokenSchema, async ({ token }) => {
  const subscriptionId = subscriptionIdFromAnyPreferencesToken(token);
  if (!subscriptionId) throw new DomainError("invalidLink");
  await sendFreshPreferencesLink(subscriptionId, new Date(), await currentClientNetwork());
  const t = await getTranslations("email.prefs");
  return { status: "ok" as const, message: t("freshLinkSent") };
});

/** Signed-in "Also by email" / "Feed only" for one of the reader's own subscriptions. */
export const setEmailChannelAction = authAction(setEmailChannelSchema, async (input, user) => {
  const { outcome } = await setEmailChannel(user, { ...input, client: await currentClientNetwork() }, await uiLocale());
  const t = await getTranslations("email.channel");
  revalidatePages("follows", "emailSettings");
  return { status: "ok" as const, message: t(`outcome.${outcome}`), values: { channel: outcome === "web" ? "web" : "email" } };
});

/** The optional answer after leaving, counted in aggregate only. */
export const leaveReasonAction = publicAction(leaveReasonSchema, async ({ token, reason }) => {
  await recordLeaveReason(token, reason, new Date(), await currentClientNetwork());
  const t = await getTranslations("email.leaveReason");
  return { status: "ok" as const, message: t("thanks") };
});
