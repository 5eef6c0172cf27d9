import "server-only";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, isPostgresUrl } from "@/lib/db-url.mjs";

// The one place that reads process.env: validated once at start-up, typed everywhere else.
const DEV_SECRET = "herzensthema-development-secret-not-for-production";
// `next build` loads the app's modules to collect route information: it must not need the secrets
// of a running instance. The production rules are enforced when a server or the worker starts
// (instrumentation.ts and the worker import this module then).
const BUILDING = process.env.NEXT_PHASE === "phase-production-build";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
    APP_URL: z.url().default("http://localhost:3000"),
    AUTH_SECRET: z.string().min(32).optional(),
    NEXTAUTH_SECRET: z.string().min(32).optional(),
    MAIL_TRANSPORT: z.enum(["outbox", "smtp"]).optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
    MAIL_FROM: z.string().min(3).default("Herzensthema <no-reply@localhost>"),
    GITHUB_ID: z.string().min(1).optional(),
    GITHUB_SECRET: z.string().min(1).optional(),
    DEFAULT_TIME_ZONE: z.string().refine(isTimeZone, "not an IANA time zone").default("Europe/Berlin"),
    // Email delivery worker (npm run worker): pause between passes, how long a claimed mail stays
    // reserved for one worker, how many mails go out at once and how many are claimed per batch.
    WORKER_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
    WORKER_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
    WORKER_BATCH: z.coerce.number().int().min(1).max(5000).default(500),
    // Operators (moderation): comma-separated sign-in addresses.
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((value) => value.split(",").map((address) => address.trim().toLowerCase()).filter(Boolean)),
    // `npm run bench` only: switches on /api/bench/echo, the framework's ceiling the feed is compared to.
    BENCH_ECHO: z.stringbool().default(false),
    // Folder with the operator's impressum.md and datenschutz.md (optionally *.en.md).
    LEGAL_DIR: z.string().optional(),
    // Bearer token for /api/metrics (Prometheus); unset, the endpoint does not exist (404).
    METRICS_TOKEN: z.string().min(24, "at least 24 characters (e.g. openssl rand -hex 24)").optional(),
    // WebSub (lib/websub): callbacks on loopback or private networks are refused unless this is on —
    // for tests on one machine only, never on a public instance (anyone could make it call inside).
    WEBSUB_ALLOW_PRIVATE_CALLBACKS: z.stringbool().default(false),
    // The fediverse (lib/fediverse): lets Fedify fetch actors on loopback and private networks — for
    // a federation test on one machine only, never on a public instance.
    FEDIVERSE_ALLOW_PRIVATE_ADDRESS: z.stringbool().default(false),
    // Minimum level of log lines (lib/log.mjs reads it directly; validated here with the rest).
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .transform((raw, ctx) => {
    const production = raw.NODE_ENV === "production" && !BUILDING;
    const secret = raw.AUTH_SECRET ?? raw.NEXTAUTH_SECRET ?? (production ? undefined : DEV_SECRET);
    if (!secret) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "required in production (32+ characters)" });
      return z.NEVER;
    }
    const mailTransport = raw.MAIL_TRANSPORT ?? (raw.SMTP_URL ? "smtp" : production ? undefined : "outbox");
    if (!mailTransport) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "required in production (or set MAIL_TRANSPORT=outbox for a demo)" });
      return z.NEVER;
    }
    // The outbox shows everyone's sign-in links: in production only on a loopback address (e2e, demos).
    if (production && mailTransport === "outbox" && !/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(raw.APP_URL)) {
      ctx.addIssue({ code: "custom", path: ["MAIL_TRANSPORT"], message: "outbox is only allowed in production when APP_URL is a loopback address; set SMTP_URL" });
      return z.NEVER;
    }
    const loopback = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(raw.APP_URL);
    // Fetching private addresses on a public instance would let any remote actor make it call inside.
    if (production && (raw.FEDIVERSE_ALLOW_PRIVATE_ADDRESS || raw.WEBSUB_ALLOW_PRIVATE_CALLBACKS) && !loopback) {
      ctx.addIssue({ code: "custom", path: ["FEDIVERSE_ALLOW_PRIVATE_ADDRESS"], message: "private addresses are only allowed in production when APP_URL is a loopback address (tests)" });
      return z.NEVER;
    }
    if (mailTransport === "smtp" && !raw.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "required when MAIL_TRANSPORT=smtp" });
      return z.NEVER;
    }
    return {
      ...raw,
      AUTH_SECRET: secret,
      MAIL_TRANSPORT: mailTransport,
      DATABASE_PROVIDER: isPostgresUrl(raw.DATABASE_URL) ? ("postgres" as const) : ("sqlite" as const),
      GITHUB_ENABLED: Boolean(raw.GITHUB_ID && raw.GITHUB_SECRET),
      // Development shows the shipped templates (marked as such); production needs the operator's own.
      LEGAL_DIR: raw.LEGAL_DIR ?? (production ? undefined : "deploy/legal"),
    };
  });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function loadEnv() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  // next-auth v4 reads these two itself; give it the validated values.
  process.env.NEXTAUTH_URL ??= parsed.data.APP_URL;
  process.env.NEXTAUTH_SECRET ??= parsed.data.AUTH_SECRET;
  return parsed.data;
}

export const env = loadEnv();
export type Env = typeof env;
