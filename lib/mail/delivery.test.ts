import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { composeDigestContent, composeDigestMail, composeUpdateContent, composeUpdateMail, deliveryHeaders, type MailReader, type MailUpdate } from "./delivery";

const update: MailUpdate = {
  id: "upd1",
  kind: "event",
  title: "Repair café <Saturday>",
  body: "Bring what is broken.\n\nWe fix it together & for free.",
  publishedAt: new Date("2026-06-10T08:00:00Z"),
  correctedAt: null,
  correctionNote: null,
  startsAt: new Date("2026-06-13T08:00:00Z"),
  place: "Town hall",
  callUrl: null,
  deadline: null,
  url: "https://example.org/c/repair/u/upd1",
  cause: { title: "Repair", url: "https://example.org/c/repair" },
};

const reader = (overrides: Partial<MailReader> = {}): MailReader => ({
  locale: "en",
  timeZone: "Europe/Berlin",
  address: "ada@example.org",
  target: { name: "Repair", url: "https://example.org/c/repair" },
  confirmedAt: new Date("2026-05-01T10:00:00Z"),
  confirmedVia: "/c/repair",
  verifiedSignIn: false,
  cadence: "instant",
  weekday: 1,
  preferencesUrl: "https://example.org/email/preferences/tok",
  leaveUrl: "https://example.org/leave/tok",
  ...overrides,
});

describe("update mail", () => {
  it("has the update, the why text and both links, in text and escaped HTML", () => {
    const mail = composeUpdateMail(update, reader());
    expect(mail.subject).toBe("Repair: Repair café <Saturday>");
    expect(mail.text).toContain("You confirmed ada@example.org for Repair on May 1, 2026 via /c/repair.");
    expect(mail.text).toContain("You chose each update as it is published.");
    expect(mail.text).toContain("https://example.org/c/repair/u/upd1");
    expect(mail.text).toContain("https://example.org/email/preferences/tok");
    expect(mail.text).toContain("https://example.org/leave/tok");
    expect(mail.text).toContain("Where: Town hall");
    expect(mail.html).toContain("Repair café &#60;Saturday&#62;");
    expect(mail.html).toContain("together &amp; for free");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain('href="https://example.org/c/repair/u/upd1"');
  });

  it("shows the update's Markdown as the page does, and keeps the text part readable", () => {
    const body = "We meet **Saturday at 10**, see [the map](/c/repair/map) or [our site](https://repair.example).\n\n- gloves\n- bags\n\n<script>alert(1)</script><img src=https://tracker.example/x.gif>";
    const mail = composeUpdateMail({ ...update, body }, reader());
    expect(mail.html).toContain("<strong>Saturday at 10</strong>");
    expect(mail.html).toContain('<a href="https://example.org/c/repair/map" rel="nofollow ugc noopener">the map</a>');
    expect(mail.html).toContain("<li>gloves</li>");
    // No script, and a remote image only as a link: nothing loads when the mail is opened.
    expect(mail.html).not.toMatch(/<script|<img/);
    expect(mail.text).toContain("We meet Saturday at 10, see the map (https://example.org/c/repair/map) or our site (https://repair.example).");
    expect(mail.text).toContain("– gloves\n– bags");
    expect(mail.text).not.toMatch(/\*\*|\]\(|<script/);
  });

  it("speaks German with German dates and weekday names", () => {
    const mail = composeUpdateMail(update, reader({ locale: "de", cadence: "weekly", weekday: 3 }));
    expect(mail.text).toContain("Du hast ada@example.org am 1. Mai 2026 über /c/repair für Repair bestätigt.");
    expect(mail.text).toContain("Du hast einen Wochenüberblick am Mittwoch gewählt.");
    expect(mail.text).toContain("Wo: Town hall");
  });

  it("gives a call's link once, labelled, after its deadline", () => {
    const call = { ...update, kind: "call" as const, startsAt: null, place: null, deadline: new Date("2026-06-20T16:00:00Z"), callUrl: "https://petition.example/river?a=1&b=2" };
    const mail = composeUpdateMail(call, reader({ locale: "de" }));
    expect(mail.text).toContain("Bis: ");
    expect(mail.text.split("https://petition.example/river?a=1&b=2")).toHaveLength(2);
    expect(mail.text).toContain("Zum Mitmachen: https://petition.example/river?a=1&b=2");
    expect(mail.html).toContain('<a href="https://petition.example/river?a=1&#38;b=2">Zum Mitmachen</a>');
  });

  it("says so when a verified sign-in address is used", () => {
    expect(composeUpdateMail(update, reader({ verifiedSignIn: true })).text).toContain("verified sign-in address ada@example.org");
  });
});

describe("digest mail", () => {
  it("shares one body and appends the personal footer", () => {
    const content = composeDigestContent([update, { ...update, id: "upd2", kind: "news", title: "Second", url: "https://example.org/c/repair/u/upd2" }], {
      locale: "en",
      timeZone: "Europe/Berlin",
      cadence: "daily",
      periodStart: new Date("2026-06-09T22:00:00Z"),
      periodEnd: new Date("2026-06-10T22:00:00Z"),
      target: { name: "Repair", url: "https://example.org/c/repair" },
    });
    expect(content.subject).toBe("Repair: your daily digest (2 updates)");
    expect(content.text).toContain("What Repair published on June 10, 2026:");
    const mail = composeDigestMail(content, reader({ cadence: "daily" }));
    expect(mail.text).toContain("You chose a daily digest.");
    expect(mail.html).toContain('href="https://example.org/c/repair/u/upd2"');
  });

  it("weekly digest names the week's first and last day", () => {
    const content = composeDigestContent([update], {
      locale: "de",
      timeZone: "Europe/Berlin",
      cadence: "weekly",
      periodStart: new Date("2026-06-07T22:00:00Z"),
      periodEnd: new Date("2026-06-14T22:00:00Z"),
      target: { name: "Repair", url: "https://example.org/c/repair" },
    });
    expect(content.subject).toBe("Repair: dein Wochenüberblick (1 Neuigkeit)");
    expect(content.text).toContain("vom 8. Juni 2026 bis 14. Juni 2026");
  });
});

describe("headers", () => {
  it("carry RFC 8058 one-click unsubscribe, a List-Id and a deterministic Message-ID", () => {
    const h = deliveryHeaders({
      deliveryId: "dl123",
      appUrl: "https://herzensthema.example:8443",
      oneClickUrl: "https://herzensthema.example:8443/api/leave?token=abc",
      list: { kind: "cause", slug: "repair", name: 'Repair "café"' },
    });
    expect(h.messageId).toBe("<delivery-dl123@herzensthema.example>");
    expect(h.headers["List-Unsubscribe"]).toBe("<https://herzensthema.example:8443/api/leave?token=abc>");
    expect(h.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(h.headers["List-Id"]).toBe("=?UTF-8?Q?Repair_caf=C3=A9?= <repair.c.herzensthema.example>");
  });

  it("keep a plain title readable and drop what could break out of the phrase", () => {
    const list = (name: string) =>
      deliveryHeaders({ deliveryId: "d", appUrl: "https://h.example", oneClickUrl: "https://h.example/api/leave", list: { kind: "group", slug: "g1", name } }).headers["List-Id"];
    expect(list("Repair Cafe Nord")).toBe("Repair Cafe Nord <g1.g.h.example>");
    expect(list('Evil" <x.example>\r\nBcc: a@b.org')).toMatch(/^=\?UTF-8\?Q\?[^<>"\r\n]*\?= <g1\.g\.h\.example>$/);
    expect(list(" \" <> ")).toBe("<g1.g.h.example>");
  });

  it("survive nodemailer with a non-ASCII title: the id stays verbatim, the name decodes", async () => {
    const name = "Grüne Stadt Köln – Bäume für jede Straße, Höfe und Plätze in allen Vierteln";
    const { headers, messageId } = deliveryHeaders({
      deliveryId: "dl1",
      appUrl: "https://herzensthema.example",
      oneClickUrl: "https://herzensthema.example/api/leave?token=abc",
      list: { kind: "cause", slug: "gruene-stadt", name },
    });
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const info = await transport.sendMail({ from: "a@herzensthema.example", to: "b@example.org", subject: "x", text: "y", headers, messageId });
    const head = info.message.toString().split("\r\n\r\n")[0];
    expect(head).toContain("<gruene-stadt.c.herzensthema.example>");
    const lines = head.split("\r\n");
    expect(lines.every((line) => line.length <= 78)).toBe(true);
    const listId = head.replace(/\r\n[ \t]+/g, " ").split("\r\n").find((line) => line.startsWith("List-ID: "))!;
    expect(listId).toMatch(/ <gruene-stadt\.c\.herzensthema\.example>$/);
    const phrase = listId.slice("List-ID: ".length, listId.lastIndexOf(" <"));
    const decoded = phrase.replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/g, (_, text: string) =>
      Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
    );
    expect(decoded).toBe(name);
  });
});

describe("links in an update's mail", () => {
  it("show where a link leads when its text says something else, and keep raw HTML's words but not its tags", () => {
    const body = "[Sign in to Herzensthema](https://evil.example/login) · [https://repair.example](https://repair.example)\n\n<p>Wir treffen uns am Freitag.</p>\n\n- [ ] Plakate drucken\n- [x] Saal buchen";
    const mail = composeUpdateMail({ ...update, body }, reader());
    expect(mail.html).toMatch(/>Sign in to Herzensthema<\/a> <span[^>]*>\(evil\.example\)<\/span>/);
    expect(mail.html).not.toMatch(/https:\/\/repair\.example<\/a> <span/);
    expect(mail.text).toContain("Sign in to Herzensthema (https://evil.example/login)");
    expect(mail.text).toContain("Wir treffen uns am Freitag.");
    expect(mail.text).toContain("– [ ] Plakate drucken\n– [x] Saal buchen");
    expect(mail.text).not.toMatch(/<input|<p>/);
  });
});

describe("an update's mail for many readers", () => {
  it("is the shared part composed once plus each reader's own end, the same as composed alone", () => {
    const shared = composeUpdateContent(update, "de", "Europe/Berlin");
    const ada = reader({ locale: "de" });
    const bob = reader({ locale: "de", address: "bob@example.org", leaveUrl: "https://example.org/leave/bob" });
    expect(composeUpdateMail(update, ada, shared)).toEqual(composeUpdateMail(update, ada));
    const forBob = composeUpdateMail(update, bob, shared);
    expect(forBob.text).toContain("bob@example.org");
    expect(forBob.text).toContain("https://example.org/leave/bob");
    expect(forBob.text).not.toContain("ada@example.org");
  });
});
