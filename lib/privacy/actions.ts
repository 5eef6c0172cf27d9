"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { authAction, publicAction } from "@/lib/action";
import { DomainError } from "@/lib/errors";
import { subscriptionIdFromPreferencesToken } from "@/lib/subscription/email/queries";
import { revalidatePages } from "@/lib/revalidate";
import { addressOfSubscription } from "./queries";
import { deleteAccount, forgetAddress } from "./mutations";
import { deleteAccountSchema, forgetAddressSchema } from "./schema";

// The session cookie names next-auth v4 uses (plain http and https).
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** "Delete my account", confirmed by typing the word: everything goes, then a plain goodbye page. */
export const deleteAccountAction = authAction(deleteAccountSchema, async (_input, user) => {
  await deleteAccount(user.id);
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
  // Signed out (the header on every page), and all this person published is gone.
  revalidatePages("everything");
  redirect("/account/deleted");
});

/** "Forget this address" from the settings link in any mail: all its follows go. */
export const forgetAddressAction = publicAction(forgetAddressSchema, async ({ token }) => {
  const subscriptionId = subscriptionIdFromPreferencesToken(token);
  const address = subscriptionId ? await addressOfSubscription(subscriptionId) : null;
  if (!address) throw new DomainError("linkExpired");
  await forgetAddress(address);
  revalidatePages("follows", "emailSettings");
  redirect("/email/forgotten");
});
