import { z } from "zod";
import { confirmsDeletion } from "./rules";

// Error messages are keys under "validation".

const confirm = z.string().max(40, "deleteConfirmMissing").refine(confirmsDeletion, "deleteConfirmMissing");

/** Deleting one's own account: the only input is the typed confirmation. */
export const deleteAccountSchema = z.strictObject({ confirm });

/** Forgetting an email address by the signed link in its mails. */
export const forgetAddressSchema = z.strictObject({ token: z.string().min(1, "unknown").max(200, "unknown"), confirm });
