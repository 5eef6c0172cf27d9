import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log.mjs";
import { keyedHash } from "@/lib/security/keyed-hash";
import { hourBucket, isCountedAgent, MAX_BROWSERS_PER_NETWORK, type ReadChannel } from "./reading-rules";

const log = logger("insights");

/** How often this process writes its counts to the database. */
export const FLUSH_INTERVAL_MS = 10_000;
// A guard against memory growth under a flood: past this many distinct readers in one hour, the
// process stops telling repeats apart (it counts them) rather than remember more.
const MAX_SEEN = 200_000;

type Read = { topicId: string; updateId?: string; channel: ReadChannel };
type Visitor = { client: string | null; agent: string | null };

// Counts not yet written, per (cause, update, channel, day, hour); a number each, nothing else.
let pending = new Map<string, number>();
// Who was already counted this hour, as keyed hashes of client network, User-Agent and what was
// read, and how many browsers each client network was counted with per thing read; in memory only,
// forgotten when the hour turns.
const nobodySeen = () => ({ hour: "", keys: new Set<string>(), browsers: new Map<string, number>() });
let seen = nobodySeen();
let timer: ReturnType<typeof setInterval> | null = null;
let flushing: Promise<number> = Promise.resolve(0);

const SEP = "\u0000";
const SHUTDOWN = Symbol.for("herzensthema.shutdown");

const keyed = (...parts: string[]) => keyedHash(env.AUTH_SECRET, parts, 22);

function firstThisHour(read: Read, visitor: Visitor, bucket: string): boolean {
  if (!visitor.client) return true;
  if (seen.hour !== bucket) seen = { ...nobodySeen(), hour: bucket };
  const target = [read.topicId, read.updateId ?? "", read.channel];
  const key = keyed(visitor.client, visitor.agent ?? "", ...target);
  if (seen.keys.has(key)) return false;
  // The User-Agent is the client's to choose: without a cap per network, one address inventing a
  // new one per request would add a read per request.
  const network = keyed(visitor.client, ...target);
  const browsers = seen.browsers.get(network) ?? 0;
  if (browsers >= MAX_BROWSERS_PER_NETWORK) return false;
  if (seen.keys.size < MAX_SEEN) {
    seen.keys.add(key);
    seen.browsers.set(network, browsers + 1);
  }
  return true;
}

/**
 * Counts one read — a person's browser opening a cause or update page, or a feed reader fetching a
 * cause's feed — into the hour's counter. Not counted: bots by User-Agent, and the same client
 * network with the same User-Agent reading the same thing again within the clock hour (a reload, a
 * feed reader polling every few minutes), and more than MAX_BROWSERS_PER_NETWORK User-Agents of one
 * network reading the same thing within the hour. Returns whether it counted.
 */
export function countRead(read: Read, visitor: Visitor, now = new Date()): boolean {
  if (!isCountedAgent(visitor.agent, read.channel)) return false;
  const { day, hour } = hourBucket(now);
  if (!firstThisHour(read, visitor, `${day}T${hour}`)) return false;
  const key = [read.topicId, read.updateId ?? "", read.channel, day, hour].join(SEP);
  pending.set(key, (pending.get(key) ?? 0) + 1);
  if (!timer) {
    timer = setInterval(() => void flushReadCounts().catch((error) => log.error({ err: error }, "read counts not written")), FLUSH_INTERVAL_MS);
    timer.unref?.();
    // The app's server (scripts/server.mjs) runs these before it exits on SIGTERM: what this
    // process counted since the last flush is written, not lost.
    const hooks = ((globalThis as { [SHUTDOWN]?: Set<() => Promise<unknown>> })[SHUTDOWN] ??= new Set());
    hooks.add(flushReadCounts);
  }
  return true;
}

async function write(key: string, count: number) {
  const [topicId, updateId, channel, day, hourText] = key.split(SEP);
  const id = { topicId_updateId_channel_day_hour: { topicId, updateId, channel, day, hour: Number(hourText) } };
  try {
    await db.readCount.upsert({ where: id, create: { ...id.topicId_updateId_channel_day_hour, count }, update: { count: { increment: count } } });
  } catch (error) {
    // Another process created the row first: add to it.
    if (isUniqueViolation(error)) await db.readCount.update({ where: id, data: { count: { increment: count } } });
    // The cause was deleted meanwhile: its counts go with it.
    else if ((error as { code?: string }).code !== "P2003") throw error;
  }
}

/**
 * Writes what this process has counted (every FLUSH_INTERVAL_MS, and on demand). One flush at a
 * time; a failed write puts its count back for the next one. Returns the number of rows written.
 */
export function flushReadCounts(): Promise<number> {
  flushing = flushing.then(async () => {
    const batch = pending;
    pending = new Map();
    const entries = [...batch];
    for (let i = 0; i < entries.length; i++) {
      try {
        await write(...entries[i]);
      } catch (error) {
        for (const [key, count] of entries.slice(i)) pending.set(key, (pending.get(key) ?? 0) + count);
        throw error;
      }
    }
    return entries.length;
  });
  return flushing.catch((error) => {
    flushing = Promise.resolve(0);
    throw error;
  });
}

/** Tests: forget who was counted this hour (as if the hour had turned). */
export function forgetSeenReaders() {
  seen = nobodySeen();
}
