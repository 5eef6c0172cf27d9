// What counts as an email address, in one place for the server's schemas (z.email with this
// pattern) and the sign-in form's check in the browser, which must not ship zod's runtime for it.
// The pattern is zod's own default for z.email() (zod/v4/core regexes.email, "Gmail rules"):
// dotted ASCII local parts, a domain with a letter TLD.

/** RFC 5321's limit for a whole address. */
export const EMAIL_MAX = 254;

export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** Syntax only: whether the address exists is what the mail sent to it finds out. */
export const isEmailAddress = (value: string) => value.length <= EMAIL_MAX && EMAIL_PATTERN.test(value);
