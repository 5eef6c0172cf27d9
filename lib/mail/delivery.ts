import { DateTime } from "luxon";
import mimeFuncs from "nodemailer/lib/mime-funcs";
import type { Cadence, UpdateKind } from "@/lib/db-enums";
import type { AppLocale } from "@/lib/i18n/config";
import { absolutizeLinks, truncateText } from "@/lib/feed/text";
import { markdownToText, renderMarkdown } from "@/lib/markdown";
import { escapeHtml } from "@/lib/text";
import { assembleMail, renderBlocks, type MailBlock, type RenderedMail } from "./document";
import { mailTranslator } from "./translate";

// The mails of a delivery: one update as published, or a digest. Every mail ends with why it was
// sent and how to change or stop it. URLs come in ready-made, so this module needs no secrets and
// is unit-testable.

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
/** The part of a mail that is the same for many readers (one locale and time zone). */
export type MailContent = RenderedMail & { subject: string };
/** The shared part of a digest: the same for everyone following one thing in one locale and zone. */
export type DigestContent = MailContent & { count: number };

const EXCERPT = 280;

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

/** One update: the whole body (the page's own Markdown, links made absolute), or a one-line teaser. */
function updateBlocks(update: MailUpdate, locale: AppLocale, timeZone: string, full: boolean): MailBlock[] {
  const t = mailTranslator(locale, "delivery");
  const date = (d: Date) => formatDate(d, locale, timeZone, true);
  const facts: string[] = [];
  if (update.kind === "event" && update.startsAt) facts.push(t("eventStarts", { date: date(update.startsAt) }));
  if (update.kind === "event" && update.place) facts.push(t("eventPlace", { place: update.place }));
  if (update.kind === "call" && update.deadline) facts.push(t("callDeadline", { date: date(update.deadline) }));
  if (update.correctedAt && update.correctionNote) facts.push(t("corrected", { date: date(update.correctedAt), note: update.correctionNote }));
  let body: MailBlock;
  if (full) {
    body = { kind: "rendered", html: showLinkHosts(absolutizeLinks(renderMarkdown(update.body), update.url)), text: markdownToText(update.body, { base: update.url }) };
  } else {
    const teaser = truncateText(markdownToText(update.body, { excerpt: true }).replace(/\s+/g, " "), EXCERPT);
    body = { kind: "paragraph", lines: teaser ? [teaser] : [] };
  }
  const callLink: MailBlock[] = update.kind === "call" && update.callUrl ? [{ kind: "links", links: [{ href: update.callUrl, label: t("callLinkLabel") }] }] : [];
  return [
    { kind: "item", kicker: `${t("kind", { kind: update.kind })} · ${update.cause.title}`, title: update.title, href: update.url, facts },
    body,
    ...callLink,
    { kind: "links", links: [{ href: update.url, label: t("readOnline") }] },
  ];
}

/** "Why you got this" plus the preferences and leave links: the personal end of every mail. */
function footer(reader: MailReader): RenderedMail {
  const t = mailTranslator(reader.locale, "delivery");
  const values = {
    address: reader.address,
    target: reader.target.name,
    date: formatDate(reader.confirmedAt, reader.locale, reader.timeZone),
    page: reader.confirmedVia,
  };
  const why = reader.verifiedSignIn ? t("whyVerified", values) : t("whyConfirmed", values);
  const chose = t("chose", { cadence: t("cadence", { cadence: reader.cadence, weekday: String(reader.weekday) }) });
  return renderBlocks([
    {
      kind: "signature",
      blocks: [
        { kind: "paragraph", lines: [{ strong: t("whyHeading") }, `${why} ${chose}`] },
        {
          kind: "links",
          links: [
            { href: reader.preferencesUrl, label: t("preferences") },
            { href: reader.leaveUrl, label: t("leave") },
          ],
        },
        { kind: "paragraph", lines: [t("noTracking")] },
      ],
    },
  ]);
}

/** The mail for one update, sent as published ("instant" cadence). */
export function composeUpdateMail(update: MailUpdate, reader: MailReader, content = composeUpdateContent(update, reader.locale, reader.timeZone)): ComposedMail {
  return { subject: content.subject, ...assembleMail(reader.locale, [content, footer(reader)]) };
}

/**
 * The shared part of an update's mail: the same for all its readers in one locale and time zone.
 * The worker caches it per pass, so the Markdown is rendered once, not once per reader.
 */
export function composeUpdateContent(update: MailUpdate, locale: AppLocale, timeZone: string): MailContent {
  const t = mailTranslator(locale, "delivery");
  return {
    subject: t("subjectUpdate", { cause: update.cause.title, title: update.title }),
    ...renderBlocks([
      { kind: "paragraph", lines: [t("introUpdate", { cause: update.cause.title, date: formatDate(update.publishedAt, locale, timeZone) })] },
      ...updateBlocks(update, locale, timeZone, true),
      { kind: "links", links: [{ href: update.cause.url, label: t("causePage", { cause: update.cause.title }) }] },
    ]),
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
  const t = mailTranslator(opts.locale, "delivery");
  const date = (d: Date) => formatDate(d, opts.locale, opts.timeZone);
  // The period ends at midnight: its last day is the day before.
  const lastDay = new Date(opts.periodEnd.getTime() - 1);
  const intro =
    opts.cadence === "daily"
      ? t("introDaily", { target: opts.target.name, date: date(opts.periodStart) })
      : t("introWeekly", { target: opts.target.name, from: date(opts.periodStart), to: date(lastDay) });
  const items = updates.flatMap((u, i): MailBlock[] => [...(i ? [{ kind: "divider" as const }] : []), ...updateBlocks(u, opts.locale, opts.timeZone, false)]);
  const subjectKey = opts.cadence === "daily" ? "subjectDaily" : "subjectWeekly";
  return {
    subject: t(subjectKey, { target: opts.target.name, count: updates.length }),
    ...renderBlocks([
      { kind: "paragraph", lines: [intro] },
      ...items,
      { kind: "links", links: [{ href: opts.target.url, label: t("causePage", { cause: opts.target.name }) }] },
    ]),
    count: updates.length,
  };
}

/** A digest for one reader: the shared content plus their personal footer. */
export function composeDigestMail(content: DigestContent, reader: MailReader): ComposedMail {
  return { subject: content.subject, ...assembleMail(reader.locale, [content, footer(reader)]) };
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
