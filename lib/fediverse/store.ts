import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions, MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from "@fedify/fedify";
import { db } from "@/lib/db";
import { logger } from "@/lib/log.mjs";

// Fedify's key-value store and message queue, kept in the app's own database (SQLite or
// PostgreSQL) so the web server and the worker share them and a restart loses nothing: which
// signature scheme a remote server accepted, cached remote keys, inbox idempotence, and every
// delivery still owed.

// A key path is stored as its JSON array text, so no two paths share a stored key
// (["a","b"] and ["a\u001fb"] stay apart). A very long one (a remote URL can be kilobytes) keeps
// its start and ends in a hash of the whole, so it fits PostgreSQL's index.
const KEY_MAX = 1000;
const storedKey = (key: KvKey) => {
  const text = JSON.stringify(key);
  return text.length <= KEY_MAX ? text : `${text.slice(0, KEY_MAX - 80)}#${createHash("sha256").update(text).digest("hex")}`;
};

type DurationLike = { years?: number; months?: number; weeks?: number; days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number };

/** A Temporal.Duration in milliseconds (months and years as 30 and 365 days: only cache lifetimes). */
export function durationMs(d: DurationLike): number {
  const days = (d.years ?? 0) * 365 + (d.months ?? 0) * 30 + (d.weeks ?? 0) * 7 + (d.days ?? 0);
  return (((days * 24 + (d.hours ?? 0)) * 60 + (d.minutes ?? 0)) * 60 + (d.seconds ?? 0)) * 1000 + (d.milliseconds ?? 0);
}

const expiry = (options?: KvStoreSetOptions) => (options?.ttl ? new Date(Date.now() + durationMs(options.ttl)) : null);
const live = (expiresAt: Date | null) => !expiresAt || expiresAt.getTime() > Date.now();

export class DatabaseKvStore implements KvStore {
  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await db.fediverseKv.findUnique({ where: { key: storedKey(key) } });
    return row && live(row.expiresAt) ? (JSON.parse(row.value) as T) : undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const data = { value: JSON.stringify(value), expiresAt: expiry(options) };
    await db.fediverseKv.upsert({ where: { key: storedKey(key) }, create: { key: storedKey(key), ...data }, update: data });
  }

  async delete(key: KvKey): Promise<void> {
    await db.fediverseKv.deleteMany({ where: { key: storedKey(key) } });
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    // The prefix's own entry, and every longer path: their JSON starts with the prefix's without
    // its closing bracket, plus a comma. The database narrows by that text; each row is then
    // checked exactly here (SQL LIKE would treat "%" and "_" as wildcards and may ignore case).
    const exact = prefix ? JSON.stringify(prefix) : null;
    const children = exact ? `${exact.slice(0, -1)},` : "[";
    // PostgreSQL's LIKE treats a backslash as its escape character: the database narrows by the
    // text before the first one, and the exact check below does the rest.
    const narrow = children.split("\\")[0];
    const rows = await db.fediverseKv.findMany({
      where: exact ? { OR: [{ key: exact }, { key: { startsWith: narrow } }] } : {},
      orderBy: { key: "asc" },
    });
    for (const row of rows) {
      // A hashed long key cannot be read back as its path; list() skips it (Fedify lists none).
      if (!live(row.expiresAt) || !row.key.endsWith("]")) continue;
      if (exact && row.key !== exact && !row.key.startsWith(children)) continue;
      yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) };
    }
  }
}

/** Drops cached entries whose time is up (the worker calls it once a pass). */
export async function purgeExpiredKv(now = new Date()): Promise<number> {
  return (await db.fediverseKv.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

// A claimed task is someone's for this long; a worker that died hands it back by letting it lapse.
const LEASE_MS = 5 * 60_000;
// A task whose handler threw (Fedify handles delivery failures itself; this is for the unexpected).
const BROKEN_RETRY_MS = 15 * 60_000;
const POLL_MS = 2000;

/**
 * Fedify's outgoing queue in the database. The web server only enqueues (manuallyStartQueue); the
 * worker takes what is due each pass (`drain`). A failed delivery is not retried here: Fedify
 * enqueues the retry itself, with its own backoff, as a new task due later.
 */
export class DatabaseMessageQueue implements MessageQueue {
  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    const dueAt = new Date(Date.now() + (options?.delay ? durationMs(options.delay) : 0));
    await db.fediverseTask.createMany({ data: messages.map((message) => ({ message: JSON.stringify(message), dueAt })) });
  }

  /** Hands every task due at `now` to `handler`, oldest first, at most `limit`; returns how many. */
  async drain(handler: (message: unknown) => Promise<void> | void, options: { now?: Date; limit?: number; shouldStop?: () => boolean } = {}): Promise<number> {
    // Fedify stamps tasks with the real clock; a simulated `now` (tests) can only move it forward.
    const now = new Date(Math.max(Date.now(), options.now?.getTime() ?? 0));
    const due = await db.fediverseTask.findMany({
      where: { dueAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lte: new Date() } }] },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: options.limit ?? 100,
      select: { id: true, leaseUntil: true },
    });
    let handled = 0;
    for (const task of due) {
      if (options.shouldStop?.()) break;
      // The claim is conditional on nobody else having taken it since it was read.
      const { count } = await db.fediverseTask.updateMany({
        where: { id: task.id, leaseUntil: task.leaseUntil },
        data: { leaseUntil: new Date(Date.now() + LEASE_MS) },
      });
      if (count === 0) continue;
      const row = await db.fediverseTask.findUnique({ where: { id: task.id } });
      if (!row) continue;
      try {
        await handler(JSON.parse(row.message));
        await db.fediverseTask.delete({ where: { id: row.id } });
      } catch (error) {
        logger("fediverse").error({ err: error }, "queued fediverse task failed; tried again later");
        await db.fediverseTask.update({ where: { id: row.id }, data: { leaseUntil: null, dueAt: new Date(Date.now() + BROKEN_RETRY_MS) } });
      }
      handled++;
    }
    return handled;
  }

  /** The long-running form of `drain` the MessageQueue interface asks for. */
  async listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    while (!options?.signal?.aborted) {
      const handled = await this.drain(handler, { shouldStop: () => options?.signal?.aborted ?? false });
      if (handled === 0) await sleep(POLL_MS, undefined, { signal: options?.signal }).catch(() => {});
    }
  }
}

/** Deliveries still owed (for /api/metrics and the worker's log). */
export const pendingTasks = () => db.fediverseTask.count();
