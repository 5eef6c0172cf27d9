import { isIP } from "node:net";
import { keyedHash } from "@/lib/security/keyed-hash";

/**
 * Every public write and its limits, in one table (the README shows it). Each rule counts per one
 * subject: the address a mail would go to, the signed-in account, the subscription or target a
 * request is about, or the client (a keyed hash of its IP, /64 for IPv6). A request passes only if
 * every rule of its action has points left; all counting is one atomic upsert per rule.
 */
export type Subject = "address" | "account" | "client" | "target";
export type RateRule = { subject: Subject; points: number; seconds: number };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RATE_LIMITS = {
  /** Sign-in mails: one a minute and five an hour per address; ten an hour per client. */
  signInMail: [
    { subject: "address", points: 1, seconds: MINUTE },
    { subject: "address", points: 5, seconds: HOUR },
    { subject: "client", points: 10, seconds: HOUR },
  ],
  /** Confirmation mails (follow by email): one per address and target in ten minutes, five a day per address. */
  confirmationMail: [
    { subject: "target", points: 1, seconds: 10 * MINUTE },
    { subject: "address", points: 5, seconds: DAY },
    { subject: "client", points: 20, seconds: HOUR },
  ],
  /** "Send me a fresh link" for an expired settings link: one per subscription in six hours. */
  freshLinkMail: [
    { subject: "target", points: 1, seconds: 6 * HOUR },
    { subject: "client", points: 10, seconds: HOUR },
  ],
  /** Share links: a few places at a time, not a link farm. */
  shareRef: [
    { subject: "account", points: 10, seconds: HOUR },
    { subject: "account", points: 50, seconds: DAY },
    { subject: "client", points: 30, seconds: HOUR },
  ],
  /** Personal invitation links (on top of "ten open per cause at once"). */
  personalInvitation: [
    { subject: "account", points: 30, seconds: DAY },
    { subject: "client", points: 30, seconds: HOUR },
  ],
  /** Partner-group invitations (on top of "three open at once"). */
  groupInvitation: [
    { subject: "account", points: 10, seconds: DAY },
    { subject: "client", points: 30, seconds: HOUR },
  ],
  /** Abuse reports work signed out: per client, per account, and once a day per client and target. */
  report: [
    { subject: "target", points: 1, seconds: DAY },
    { subject: "client", points: 5, seconds: 10 * MINUTE },
    { subject: "client", points: 20, seconds: DAY },
    { subject: "account", points: 20, seconds: DAY },
  ],
  /**
   * Reports signed out from a client we cannot tell apart (an exempt network, or no app server in
   * front): counted per target only, so they are never unlimited and nobody can block the rest.
   */
  reportUnknownClient: [
    { subject: "target", points: 20, seconds: DAY },
    { subject: "client", points: 100, seconds: DAY },
  ],
  /** The optional "why did you leave" answer (each subscription can answer once anyway). */
  leaveReason: [{ subject: "client", points: 10, seconds: HOUR }],
  /** New causes and groups: an open sign-up must not become a spam farm. */
  createCause: [
    { subject: "account", points: 10, seconds: DAY },
    { subject: "client", points: 20, seconds: DAY },
  ],
  createGroup: [
    { subject: "account", points: 5, seconds: DAY },
    { subject: "client", points: 10, seconds: DAY },
  ],
  /** WebSub subscription requests: each makes this server call the callback once. */
  websubRequest: [
    { subject: "target", points: 5, seconds: HOUR },
    { subject: "client", points: 30, seconds: HOUR },
  ],
  /**
   * Activities posted to the fediverse inboxes: a busy server delivers a lot, but each post may make
   * this one fetch the sender's key and actor, so one network gets a generous ceiling, not none.
   */
  fediverseInbox: [{ subject: "client", points: 600, seconds: 10 * MINUTE }],
  /**
   * Not a limit but a memory: a visit through a share link counts once per ref and browser in half
   * an hour, so a reload is no second visit (target = ref, client network and User-Agent, as a
   * keyed hash).
   */
  refVisit: [{ subject: "target", points: 1, seconds: 30 * MINUTE }],
} as const satisfies Record<string, readonly RateRule[]>;

export type RateAction = keyof typeof RATE_LIMITS;
export type RateSubjects = Partial<Record<Subject, string | null | undefined>>;

/**
 * The part of an address that identifies one client: the whole IPv4 address, the /64 prefix of an
 * IPv6 address (one household or server usually owns a whole /64). Null for anything else.
 */
export function clientNetwork(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const bare = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const kind = isIP(bare);
  if (kind === 4) return bare;
  if (kind !== 6) return null;
  return expandIpv6(bare).slice(0, 4).join(":") + "::/64";
}

function expandIpv6(ip: string): string[] {
  const withoutZone = ip.split("%")[0];
  const [head, tail] = withoutZone.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array(missing).fill("0"), ...right].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ""));
}

/**
 * The mailbox an address reaches, for counting: lower case and without a "+tag" (most providers
 * deliver name+anything@ to name@), so one inbox cannot be flooded through endless tags.
 */
export function mailboxKey(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return lower;
  return `${lower.slice(0, at).split("+")[0] || lower.slice(0, at)}${lower.slice(at)}`;
}

/** The value a rule counts: addresses by mailbox, everything else as given. */
export function subjectValue(subject: Subject, value: string): string {
  return subject === "address" ? mailboxKey(value) : value;
}

/**
 * The counter key for one rule and subject. Subjects are keyed hashes, so the limiter's table never
 * holds an address or an IP, and nobody without the secret can test a guess against it.
 */
export function rateKey(action: RateAction, index: number, value: string, secret: string): string {
  return `${action}:${index}:${keyedHash(secret, [action, value], 27)}`;
}

/** Seconds until a refused request may be tried again, rounded up to whole minutes for people. */
export function retryMinutes(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 60_000));
}
