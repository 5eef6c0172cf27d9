import { describe, expect, it } from "vitest";
import { confirmEmailFollowMail, preferencesLinkMail, signInMail } from "./account";

const url = "https://herzensthema.example/api/auth/callback/email?token=t&email=a%40b.c";

describe("signInMail", () => {
  it("says why it was sent, in the reader's language", () => {
    expect(signInMail(url, "de").text).toContain("Du bekommst diese Mail, weil");
    expect(signInMail(url, "en").text).toContain("You get this mail because");
    expect(signInMail(url, "en").subject).toBe("Your sign-in link for herzensthema.example");
    expect(signInMail(url, "de").html).toContain('<html lang="de">');
  });

  it("has the link on a line of its own in the text part, and escaped in the HTML part", () => {
    const { html, text } = signInMail(`${url}&x="><script>`, "en");
    expect(text.split("\n")).toContain(`${url}&x="><script>`);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#34;&#62;&#60;script&#62;");
  });
});

describe("the confirmation mail of a new email follow", () => {
  const confirm = "https://herzensthema.example/email/confirm/tok";

  it("names the cause or the group, says it is the only mail, and how long the link works", () => {
    const cause = confirmEmailFollowMail(confirm, { title: "Grüne Höfe <Nord>", kind: "cause" }, "de");
    expect(cause.subject).toBe("Bitte bestätigen: Neuigkeiten von „Grüne Höfe <Nord>“ per E-Mail");
    expect(cause.text).toContain("Neuigkeiten des Herzensthemas „Grüne Höfe <Nord>“");
    expect(cause.text).toContain("Das ist die einzige Mail.");
    expect(cause.text.split("\n")).toContain(confirm);
    expect(cause.html).toContain("Grüne Höfe &#60;Nord&#62;");
    const group = confirmEmailFollowMail(confirm, { title: "Repair Net", kind: "group" }, "en");
    expect(group.text).toContain("the partner group “Repair Net”");
    expect(group.text).toContain("The link works for 7 days.");
  });
});

describe("the fresh settings link", () => {
  it("says who asked and that ignoring it changes nothing", () => {
    const mail = preferencesLinkMail("https://herzensthema.example/email/preferences/tok", { title: "Repair", kind: "cause" }, "en");
    expect(mail.subject).toBe("Your new link to the email settings for “Repair”");
    expect(mail.text).toContain("you asked on herzensthema.example for a fresh link");
    expect(mail.text).toContain("Ignore this mail; nothing changes.");
    expect(mail.html).toContain('href="https://herzensthema.example/email/preferences/tok"');
  });
});
