import { regexes } from "zod/v4/core";
import { describe, expect, it } from "vitest";
import { emailAddressSchema } from "@/lib/subscription/email/schema";
import { EMAIL_PATTERN, isEmailAddress } from "./email-address";

describe("email addresses", () => {
  it("use zod's own pattern, so the browser and the server agree with zod's z.email()", () => {
    expect(EMAIL_PATTERN.source).toBe(regexes.email.source);
  });

  it.each(["anna@example.org", "anna.mueller+news@mail.example.de", "o'brien@example.ie", "x_y-z@sub.domain.example"])("accepts %s", (address) => {
    expect(isEmailAddress(address)).toBe(true);
    expect(emailAddressSchema.safeParse(address).success).toBe(true);
  });

  it.each([
    "anna",
    "anna@",
    "@example.org",
    "anna@example",
    "anna..b@example.org",
    "anna@exa mple.org",
    "anna@example.org\r\nBcc: victim@example.org",
    "anna\u202e@example.org",
    "jürgen@example.org",
    `${"a".repeat(250)}@example.org`,
  ])("refuses %j in the browser and on the server alike", (address) => {
    expect(isEmailAddress(address)).toBe(false);
    expect(emailAddressSchema.safeParse(address).success).toBe(false);
  });
});
