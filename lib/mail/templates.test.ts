import { describe, expect, it } from "vitest";
import { signInMail } from "./templates";

describe("signInMail", () => {
  const url = "https://herzensthema.example/api/auth/callback/email?token=t&email=a%40b.c";

  it("says why it was sent, in the reader's language", () => {
    expect(signInMail(url, "de").text).toContain("Du bekommst diese Mail, weil");
    expect(signInMail(url, "en").text).toContain("You get this mail because");
    expect(signInMail(url, "en").subject).toBe("Your sign-in link for herzensthema.example");
  });

  it("escapes the link in the HTML part", () => {
    const { html, text } = signInMail(`${url}&x="><script>`, "en");
    expect(text).toContain(url);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#34;&#62;&#60;script&#62;");
  });
});
