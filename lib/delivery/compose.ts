import { DateTime } from "luxon";
// use-intl/core is the React-free core that next-intl re-exports: the worker runs outside Next.js
// with --conditions=react-server, where next-intl's entry would pull in its client provider.
import { createTranslator } from "use-intl/core";
import mimeFuncs from "nodemailer/lib/mime-funcs";
import type { AppLocale } from "@/lib/i18n/config";
import mailsDe from "@/lib/i18n/messages/mails.de.json";
import mailsEn from "@/lib/i18n/messages/mails.en.json";
import { absolutizeLinks, truncateText } from "@/lib/feed/text";
import { markdownToText, renderMarkdown } from "@/lib/markdown";
import { escapeHtml } from "@/lib/text";
import type { Cadence, UpdateKind } from "./rules";

// Pure composition of delivery mails: plain text first, simple escaped HTML, no images, no
// tracking pixels, no rewritten links. Every mail ends with why it was sent and how to change or
// stop it. URLs come in ready-made so this module needs no secrets and is unit-testable.

export type MailUpdate = {
  id: string;
  kind: UpdateKind;
  title: string;
  body: string;
  publishedAt: Date;
  correctedAt: Date | null;
  correctionNote: string | null;
  startsAt: Date | null;
  place: string | null;
  callUrl: string | null;
  deadline: Date | null;
  url: string;
  cause: { title: string; url: string };
};

export type MailReader = {
  locale: AppLocale;
  timeZone: string;
  address: string;
  target: { name: string; url: string };
  /** The latest confirm event: when, on which page, and whether it was a verified sign-in address. */
  confirmedAt: Date;
  confirmedVia: string;
  verifiedSignIn: boolean;
  cadence: Cadence;
  weekday: number;
  preferencesUrl: string;
  leaveUrl: string;
};

export type ComposedMail = { subject: string; text: string; html: string };
/** The shared part of a digest: the same for everyone following one thing in one locale and zone. */
export type DigestContent = { subject: string; text: string; html: string; count: number };

const EXCERPT = 280;
// The delivery area's own messages, typed from the English file so a missing key fails the typecheck.
const mailMessages: Record<AppLocale, typeof mailsEn> = { de: mailsDe, en: mailsEn };

// One translator per locale: it caches compiled ICU messages, and a worker formats the same few
// messages for every one of 100 000 readers.
const translators = new Map<AppLocale, ReturnType<typeof makeTranslator>>();
function makeTranslator(locale: AppLocale) {
  return createTranslator({ locale, messages: mailMessages[locale], namespace: "deliveryMail" });
}
function translator(locale: AppLocale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = makeTranslator(locale)));
  return t;
}

function formatDate(date: Date, locale: AppLocale, timeZone: string, withTime = false): string {
  const local = DateTime.fromJSDate(date, { zone: timeZone }).setLocale(locale);
  return local.toLocaleString(withTime ? DateTime.DATETIME_MED : DateTime.DATE_FULL);
}

/**
 * Links a publisher wrote, with their destination's host after the text when the text says
 * something else: a mail from this site must not let "Sign in here" hide where it really leads.
 */
function showLinkHosts(html: string): string {
  return html.replace(/<a href="([^"]*)"([^>]*)>([\s\S]*?)<\/a>/g, (link, href: string, _rest: string, text: string) => {
    let host: string;
    try {
      host = new URL(href.replace(/&amp;/g, "&")).host;
    } catch {
      return link;
    }
    return !host || text.includes(host) ? link : `${link} <span style="color:#555">(${escapeHtml(host)})</span>`;
  });
}

/** A digest's teaser of an update: its Markdown as one line of plain text. */
function excerpt(body: string): string {
  return truncateText(markdownToText(body, { excerpt: true }).replace(/\s+/g, " "), EXCERPT);
}

/** One update as lines of text and an HTML block; `full` keeps the whole body, else an excerpt. */
function renderUpdate(update: MailUpdate, locale: AppLocale, timeZone: string, full: boolean) {
  const t = translator(locale);
  const date = (d: Date) => formatDate(d, locale, timeZone, true);
  const facts: string[] = [];
  if (update.kind === "event" && update.startsAt) facts.push(t("eventStarts", { date: date(update.startsAt) }));
  if (update.kind === "event" && update.place) facts.push(t("eventPlace", { place: update.place }));
  if (update.kind === "call" && update.deadline) facts.push(t("callDeadline", { date: date(update.deadline) }));
  if (update.kind === "call" && update.callUrl) facts.push(t("callLink", { url: update.callUrl }));
  if (update.correctedAt && update.correctionNote) facts.push(t("corrected", { date: date(update.correctedAt), note: update.correctionNote }));
  // The page's own Markdown: sanitised HTML (links made absolute) and readable plain text.
  const body = full ? markdownToText(update.body, { base: update.url }) : excerpt(update.body);
  const heading = `${t("kind", { kind: update.kind })} · ${update.cause.title}`;

  const text = [
    `${heading}`,
    update.title,
    ...facts,
    ...(body ? ["", body] : []),
    ...(update.kind === "call" && update.callUrl ? ["", t("callLink", { url: update.callUrl })] : []),
    "",
    `${t("readOnline")}: ${update.url}`,
  ].join("\n");
  const html = [
    `<p style="color:#555;margin:0">${escapeHtml(heading)}</p>`,
    `<h2 style="margin:4px 0 8px"><a href="${escapeHtml(update.url)}">${escapeHtml(update.title)}</a></h2>`,
    ...facts.map((f) => `<p style="margin:0">${escapeHtml(f)}</p>`),
    full ? showLinkHosts(absolutizeLinks(renderMarkdown(update.body), update.url)) : body ? `<p>${escapeHtml(body)}</p>` : "",
    update.kind === "call" && update.callUrl ? `<p><a href="${escapeHtml(update.callUrl)}">${escapeHtml(t("callLinkLabel"))}</a></p>` : "",
    `<p><a href="${escapeHtml(update.url)}">${escapeHtml(t("readOnline"))}</a></p>`,
  ]
    .filter(Boolean)
    .join("\n");
  return { text, html };
}

/** "Why you got this" plus the preferences and leave links: the personal end of every mail. */
function footer(reader: MailReader) {
  const t = translator(reader.locale);
  const values = {
    address: reader.address,
    target: reader.target.name,
    date: formatDate(reader.confirmedAt, reader.locale, reader.timeZone),
    page: reader.confirmedVia,
  };
  const why = reader.verifiedSignIn ? t("whyVerified", values) : t("whyConfirmed", values);
  const chose = t("chose", { cadence: t("cadence", { cadence: reader.cadence, weekday: String(reader.weekday) }) });
  const text = [
    "-- ",
    t("whyHeading"),
    `${why} ${chose}`,
    "",
    `${t("preferences")}: ${reader.preferencesUrl}`,
    `${t("leave")}: ${reader.leaveUrl}`,
    "",
    t("noTracking"),
  ].join("\n");
  const html = `<hr>
<div style="color:#555;font-size:14px">
<p><strong>${escapeHtml(t("whyHeading"))}</strong><br>${escapeHtml(why)} ${escapeHtml(chose)}</p>
<p><a href="${escapeHtml(reader.preferencesUrl)}">${escapeHtml(t("preferences"))}</a> · <a href="${escapeHtml(reader.leaveUrl)}">${escapeHtml(t("leave"))}</a></p>
<p>${escapeHtml(t("noTracking"))}</p>
</div>`;
  return { text, html };
}

function wrapHtml(locale: AppLocale, inner: string): string {
  return `<!doctype html>
<html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em;margin:0 auto;padding:16px;color:#222">
${inner}
</body></html>`;
}

/** The mail for one update, sent as published ("instant" cadence). */
export function composeUpdateMail(update: MailUpdate, reader: MailReader): ComposedMail {
  const t = translator(reader.locale);
  const intro = t("introUpdate", { cause: update.cause.title, date: formatDate(update.publishedAt, reader.locale, reader.timeZone) });
  const item = renderUpdate(update, reader.locale, reader.timeZone, true);
  const causeLink = t("causePage", { cause: update.cause.title });
  const end = footer(reader);
  return {
    subject: t("subjectUpdate", { cause: update.cause.title, title: update.title }),
    text: [intro, "", item.text, "", `${causeLink}: ${update.cause.url}`, "", end.text].join("\n"),
    html: wrapHtml(
      reader.locale,
      `<p>${escapeHtml(intro)}</p>\n${item.html}\n<p><a href="${escapeHtml(update.cause.url)}">${escapeHtml(causeLink)}</a></p>\n${end.html}`,
    ),
  };
}

/**
 * The shared body of a digest (updates oldest first). Callers cache it per target, period, locale
 * and time zone, so 100 000 readers of one cause cost one composition.
 */
export function composeDigestContent(
  updates: MailUpdate[],
  opts: { locale: AppLocale; timeZone: string; cadence: "daily" | "weekly"; periodStart: Date; periodEnd: Date; target: { name: string; url: string } },
): DigestContent {
  const t = translator(opts.locale);
  const date = (d: Date) => formatDate(d, opts.locale, opts.timeZone);
  // The period ends at midnight: its last day is the day before.
  const lastDay = new Date(opts.periodEnd.getTime() - 1);
  const intro =
    opts.cadence === "daily"
      ? t("introDaily", { target: opts.target.name, date: date(opts.periodStart) })
      : t("introWeekly", { target: opts.target.name, from: date(opts.periodStart), to: date(lastDay) });
  const items = updates.map((u) => renderUpdate(u, opts.locale, opts.timeZone, false));
  const subjectKey = opts.cadence === "daily" ? "subjectDaily" : "subjectWeekly";
  const targetLink = t("causePage", { cause: opts.target.name });
  return {
    subject: t(subjectKey, { target: opts.target.name, count: updates.length }),
    text: [intro, "", items.map((i) => i.text).join("\n\n* * *\n\n"), "", `${targetLink}: ${opts.target.url}`].join("\n"),
    html: `<p>${escapeHtml(intro)}</p>\n${items.map((i) => i.html).join("\n<hr>\n")}\n<p><a href="${escapeHtml(opts.target.url)}">${escapeHtml(targetLink)}</a></p>`,
    count: updates.length,
  };
}

/** A digest for one reader: the shared content plus their personal footer. */
export function composeDigestMail(content: DigestContent, reader: MailReader): ComposedMail {
  const end = footer(reader);
  return {
    subject: content.subject,
    text: `${content.text}\n\n${end.text}`,
    html: wrapHtml(reader.locale, `${content.html}\n${end.html}`),
  };
}

/**
 * Headers every delivery carries. RFC 8058 one-click unsubscribe (the POST goes to /api/leave);
 * List-Id names the cause or group; the Message-ID is derived from the delivery id, so a resend
 * after a crash is recognisably the same message. No Auto-Submitted: these mails were requested.
 */
export function deliveryHeaders(opts: {
  deliveryId: string;
  appUrl: string;
  oneClickUrl: string;
  list: { kind: "cause" | "group"; slug: string; name: string };
}): { messageId: string; headers: Record<string, string> } {
  const host = new URL(opts.appUrl).hostname;
  return {
    messageId: `<delivery-${opts.deliveryId}@${host}>`,
    headers: {
      "List-Unsubscribe": `<${opts.oneClickUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": listId(opts.list.name, `${opts.list.slug}.${opts.list.kind === "cause" ? "c" : "g"}.${host}`),
      Precedence: "bulk",
    },
  };
}

// Plain atoms: no quotes (nodemailer would encode a quoted phrase, quotes included) and no "=" or
// "?", so a title can never look like an encoded word.
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/^_`{|}~ ]+$/;

/**
 * `Name <id>` for List-Id (RFC 2919). The value must be ASCII before it reaches nodemailer: given
 * anything else it encodes the whole value, angle brackets and all, into one encoded word that no
 * client can parse. So a plain title stays as it is, any other becomes encoded words of its own
 * (which nodemailer passes through and folds at their spaces), and the id stays verbatim.
 */
function listId(name: string, id: string): string {
  const phrase = name.replace(/[\r\n"<>\\]+/g, " ").replace(/\s+/g, " ").trim();
  if (!phrase) return `<${id}>`;
  return `${PLAIN_PHRASE.test(phrase) ? phrase : mimeFuncs.encodeWord(phrase, "Q", 52)} <${id}>`;
}
