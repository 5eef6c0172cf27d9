import "server-only";
import { getTranslations } from "next-intl/server";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/log.mjs";

const log = logger("action");

export type ActionState = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What the user typed, so a form can show it again after an error. */
  values?: Record<string, string>;
};

/** Form fields as plain strings, without React's internal `$ACTION_…` fields. */
function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$") && typeof value === "string") values[key] = value;
  }
  return values;
}

// The longest value a refused form gets back to show again: a little over the longest field we
// accept (a cause's 20 000-character description), so nobody loses a text that is slightly too
// long, while a megabyte sent at us is never echoed back.
const ECHO_MAX = 25_000;

/** What a refused form shows again: every value the person could have typed, nothing oversize. */
function echoable(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value.length <= ECHO_MAX));
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/** Parses the form, runs the handler and maps expected errors to translated messages. */
async function runHandler<S extends z.ZodType>(
  schema: S,
  values: Record<string, string>,
  t: Translate,
  handler: (input: z.output<S>) => Promise<ActionState | void>,
): Promise<ActionState> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      const key = `validation.${issue.message}`;
      // Limits travel with the issue (lib/fields.ts): "at most {max} characters".
      const params = (issue as { params?: Record<string, string | number> }).params;
      (fieldErrors[field] ??= []).push(t.has(key) ? t(key, params) : t("validation.invalid"));
    }
    return { status: "error", message: t("errors.checkFields"), fieldErrors, values: echoable(values) };
  }

  try {
    const result: ActionState | void = await handler(parsed.data);
    return result ?? { status: "ok" };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
    if (error instanceof DomainError) {
      if (error.field) {
        return {
          status: "error",
          message: t("errors.checkFields"),
          fieldErrors: { [error.field]: [t(`validation.${error.key}`, error.params)] },
          values: echoable(values),
        };
      }
      return { status: "error", message: t(`errors.${error.key}`, error.params), values: echoable(values) };
    }
    log.error({ err: error }, "unexpected failure in a form action");
    return { status: "error", message: t("errors.generic"), values: echoable(values) };
  }
}

/**
 * The one door for writes: resolves the signed-in user, parses the form with a zod schema whose
 * messages are translation keys, and turns expected errors into translated messages. Anything
 * unexpected is logged and answered with a generic message: no stack trace reaches the user.
 */
export function authAction<S extends z.ZodType, R extends ActionState | void>(
  schema: S,
  handler: (input: z.output<S>, user: CurrentUser) => Promise<R>,
) {
  return async function runAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
    const t = await getTranslations();
    const values = formValues(formData);
    const user = await getCurrentUser();
    if (!user) return { status: "error", message: t("errors.signInRequired"), values: echoable(values) };
    return runHandler(schema, values, t, (input) => handler(input, user));
  };
}

/**
 * The same door for writes that need no account because a signed token or the address owner's
 * own click proves who acts (follow by email, confirm, preferences by link). The signed-in user,
 * if any, is passed along but never required.
 */
export function publicAction<S extends z.ZodType, R extends ActionState | void>(
  schema: S,
  handler: (input: z.output<S>, user: CurrentUser | null) => Promise<R>,
) {
  return async function runAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
    const t = await getTranslations();
    const values = formValues(formData);
    const user = await getCurrentUser();
    return runHandler(schema, values, t, (input) => handler(input, user));
  };
}
