// One logger for the app, its HTTP server (scripts/server.mjs) and the delivery worker: pino, one
// JSON object per line on stdout, with the request id of the request being handled. Plain
// JavaScript so that scripts/server.mjs, which runs outside Next.js, shares it with the app.
//
// No personal data in log lines: no IP addresses, no user agents, no query strings; addresses,
// credentials in URLs and the secret part of token URLs are replaced in the whole line just
// before it is written, errors keep only their type, message, code and stack, and accounts are
// named by id only.
import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";
import pino from "pino";
import { SECRET_PATH_PREFIXES } from "./security/secret-paths.mjs";

// One store per process, even when this module is loaded twice (by scripts/server.mjs and inside
// Next.js's server bundle): the server opens the context, the app's log lines read it.
const CONTEXT = Symbol.for("herzensthema.requestContext");
/** @type {AsyncLocalStorage<{ requestId: string }>} */
export const requestContext = (globalThis[CONTEXT] ??= new AsyncLocalStorage());

// Every pattern is bounded, so scrubbing stays linear however long and odd a line is.
// An address: also percent-encoded or with a full-width at sign, any script in the domain. No "/"
// on either side: stack frames of scoped packages (node_modules/@prisma/…) are paths.
const ADDRESS = /[^\s<>"'(),;:@＠/\\]{1,64}(?:@|＠|%40)[^\s<>"'(),;:@＠/\\]{1,253}\.\p{L}{2,24}/gu;
// user:password@ in a connection URL.
const CREDENTIALS = /\b([a-z][a-z0-9+.-]{1,20}:\/\/)[^\s/@"'<>\\]{1,256}@/gi;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
// The secret segment, never "[token]" (a route pattern in a request's log line).
const TOKEN_PATH = new RegExp(`/(${SECRET_PATH_PREFIXES.map(escape).join("|")})/[^\\s/?#"'<>\\[\\]\\\\]{1,512}`, "gi");
// A query string: "?name=…" up to the next space or quote.
const QUERY = /\?[A-Za-z0-9_.%[\]-]{1,64}=[^\s"<>\\]*/g;

/** A text with addresses, credentials, token path segments and query strings taken out. */
export function scrub(text) {
  return String(text)
    .replace(CREDENTIALS, "$1<credentials>@")
    .replace(QUERY, "?…")
    .replace(TOKEN_PATH, (_match, prefix) => `/${prefix}/{token}`)
    .replace(ADDRESS, "<address>");
}

const ERROR_FIELDS = ["type", "name", "message", "code", "stack"];

/**
 * An error as a log line shows it: its type, message, code and stack, and its causes and inner
 * errors the same way. Nothing else: drivers and mailers hang statement values, recipients and
 * server replies on their errors.
 */
function serializeError(error, depth = 0) {
  const full = pino.stdSerializers.err(error);
  if (!full || typeof full !== "object") return full;
  const kept = {};
  for (const key of ERROR_FIELDS) if (full[key] !== undefined) kept[key] = full[key];
  if (depth < 3 && error?.cause instanceof Error) kept.cause = serializeError(error.cause, depth + 1);
  if (depth < 3 && Array.isArray(error?.errors)) kept.errors = error.errors.slice(0, 5).map((inner) => serializeError(inner, depth + 1));
  return kept;
}

/**
 * The root logger, writing to stdout, or to `destination` (a test's stream). The level comes from
 * LOG_LEVEL (lib/env.ts checks its value where the app starts).
 */
export function createLogger(destination) {
  // An unknown LOG_LEVEL is lib/env.ts's to report (clearly, at start); until then: info.
  const level = process.env.LOG_LEVEL && (process.env.LOG_LEVEL in pino.levels.values || process.env.LOG_LEVEL === "silent") ? process.env.LOG_LEVEL : "info";
  const options = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const requestId = requestContext.getStore()?.requestId;
      return requestId ? { reqId: requestId } : {};
    },
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      // The whole line, whatever its shape (messages, fields, errors, format arguments), is
      // scrubbed just before it is written.
      streamWrite: scrub,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const root = createLogger();

/** The logger of one part of the system ("feeds", "worker", "http", …). */
export function logger(component) {
  return root.child({ component });
}

/**
 * Makes console.* write through `log`: what Next.js or a library prints becomes a JSON line,
 * scrubbed like every other (scripts/server.mjs in production, the worker).
 */
export function routeConsole(log) {
  for (const [method, level] of [["log", "info"], ["info", "info"], ["warn", "warn"], ["error", "error"], ["debug", "debug"], ["trace", "trace"]]) {
    console[method] = (...args) => log[level](format(...args));
  }
}
