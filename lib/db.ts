import "server-only";
import { env } from "@/lib/env";
import { createDbClient, type Db } from "@/lib/db-client";

export type { Db };

// One client per process; survives hot reloads in development.
const globalForDb = globalThis as unknown as { herzensthemaDb?: Db };
export const db: Db = globalForDb.herzensthemaDb ?? createDbClient(env.DATABASE_URL);
if (env.NODE_ENV !== "production") globalForDb.herzensthemaDb = db;

export const isPostgres = env.DATABASE_PROVIDER === "postgres";
