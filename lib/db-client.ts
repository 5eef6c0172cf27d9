import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { isPostgresUrl } from "./db-url.mjs";

// Both generated clients share one set of models, so one type serves the whole app.
export type Db = SqliteClient;
/**
 * The generated types (selects, where filters) and the raw-SQL helpers (Prisma.sql, join, empty),
 * the same for both providers: the rest of the app imports them from lib/db, never from generated/.
 */
export { Prisma } from "./generated/sqlite/client";

const SQLITE_BUSY_MS = 15_000;
// Prisma's code for SQLITE_BUSY through the driver adapter ("Operation has timed out").
const SQLITE_BUSY_CODE = "P1008";
const SQLITE_TRANSACTION_ATTEMPTS = 20;
const WRITES = new Set(["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany"]);

// Counts this process's writes. Short-lived caches of what the database says (lib/feed/cache.ts)
// keep an answer only while the count is unchanged, so a write here is never served stale here.
// The count lives on globalThis: Next.js bundles route handlers and server actions separately, each
// with its own copy of this module, and a server action's write must end a route handler's memory.
const WRITES_KEY = Symbol.for("herzensthema.writeGeneration");
const processGlobal = globalThis as unknown as Record<symbol, { count: number } | undefined>;
const writes = (processGlobal[WRITES_KEY] ??= { count: 0 });
/** How many writes this process has made so far (any model, any transaction, raw statements). */
export function writeGeneration(): number {
  return writes.count;
}

// SQLite has one connection per process, and Prisma's adapter makes transactions wait only for
// each other: a plain query sent while another request's transaction is open would run inside it
// (and vanish if it rolls back). So on SQLite a plain query waits until no transaction of this
// process is open; queries made inside a transaction (this async context) go straight through.
const TX_KEY = Symbol.for("herzensthema.sqliteTransactions");
type TxGate = { open: number; idle: Promise<void>; release: () => void; inside: AsyncLocalStorage<true> };
const gate = (processGlobal as unknown as Record<symbol, TxGate | undefined>)[TX_KEY] ??= {
  open: 0,
  idle: Promise.resolve(),
  release: () => {},
  inside: new AsyncLocalStorage<true>(),
};
async function outsideTransactions() {
  while (gate.open > 0 && !gate.inside.getStore()) await gate.idle;
}
async function asTransaction<T>(run: () => Promise<T>): Promise<T> {
  if (gate.inside.getStore()) return run();
  if (gate.open++ === 0) gate.idle = new Promise((resolve) => (gate.release = resolve));
  try {
    return await gate.inside.run(true, run);
  } finally {
    if (--gate.open === 0) gate.release();
  }
}

/** A Prisma client for a DATABASE_URL: PostgreSQL for postgres:// URLs, else a SQLite file. */
export function createDbClient(url: string): Db {
  // SQLite: one writer at a time across processes (app, worker, scripts). A single write waits for
  // the lock (busy timeout). A transaction that read first and then wants to write cannot wait: if
  // another process committed meanwhile, its snapshot is stale and SQLite refuses at once
  // (SQLITE_BUSY_SNAPSHOT; Prisma's adapter begins transactions DEFERRED). Such a transaction is
  // simply run again, from the start: ours only touch the database, so that is safe.
  const client = isPostgresUrl(url)
    ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db)
    : new SqliteClient({
        adapter: new PrismaBetterSqlite3({ url, timeout: SQLITE_BUSY_MS }),
        transactionOptions: { maxWait: SQLITE_BUSY_MS, timeout: SQLITE_BUSY_MS * 2 },
      });
  const retryBusy = !isPostgresUrl(url);
  const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.$transaction = (async (...args: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (retryBusy ? asTransaction(() => transaction(...args)) : transaction(...args));
      } catch (error) {
        // Only interactive transactions (a function) read before they write; a batch starts writing.
        const retry = retryBusy && typeof args[0] === "function" && (error as { code?: string }).code === SQLITE_BUSY_CODE;
        if (!retry || attempt >= SQLITE_TRANSACTION_ATTEMPTS) throw error;
        await sleep(Math.random() * 20 * attempt);
      } finally {
        writes.count++; // a transaction may have written: count it either way
      }
    }
  }) as typeof client.$transaction;
  return client.$extends({
    query: {
      $allModels: {
        async $allOperations({ operation, args, query }) {
          if (retryBusy) await outsideTransactions();
          try {
            return await query(args);
          } finally {
            if (WRITES.has(operation)) writes.count++;
          }
        },
      },
      async $executeRaw({ args, query }) {
        if (retryBusy) await outsideTransactions();
        try {
          return await query(args);
        } finally {
          writes.count++;
        }
      },
      async $executeRawUnsafe({ args, query }) {
        if (retryBusy) await outsideTransactions();
        try {
          return await query(args);
        } finally {
          writes.count++;
        }
      },
      async $queryRaw({ args, query }) {
        if (retryBusy) await outsideTransactions();
        return query(args);
      },
      async $queryRawUnsafe({ args, query }) {
        if (retryBusy) await outsideTransactions();
        return query(args);
      },
    },
  }) as unknown as Db;
}
