import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { isPostgresUrl } from "./db-url";

// Both generated clients share one set of models, so one type serves the whole app.
export type Db = SqliteClient;
/** The generated input and output types (selects, where filters), the same for both providers. */
export type { Prisma } from "./generated/sqlite/client";

/** A Prisma client for a DATABASE_URL: PostgreSQL for postgres:// URLs, else a SQLite file. */
export function createDbClient(url: string): Db {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url }) });
}
