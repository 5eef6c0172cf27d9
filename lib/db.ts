import "server-only";
import { env } from "@/lib/env";
import { createDbClient, type Db } from "@/lib/db-client";
import { searchFold } from "@/lib/text";

export type { Db } from "@/lib/db-client";
export { Prisma, writeGeneration } from "@/lib/db-client";

// One client (one connection pool) per process. Next.js bundles route handlers, pages and server
// actions separately, each with its own copy of this module, so the client is kept on globalThis;
// that also lets it survive hot reloads in development.
const globalForDb = globalThis as unknown as { herzensthemaDb?: Db };
export const db: Db = (globalForDb.herzensthemaDb ??= createDbClient(env.DATABASE_URL));

/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export const isPostgres = env.DATABASE_PROVIDER === "postgres";

/** A unique-constraint violation (Prisma P2002), e.g. a slug taken by a concurrent request. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * A filter on a folded `searchText` column that ignores case and accents on both providers and
 * treats "%" and "_" as the characters they are (see searchFold).
 */
export function searchContains(query: string) {
  return { searchText: { contains: searchFold(query) } };
}
