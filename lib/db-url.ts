/** The default database: a SQLite file in ./data, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/herzensthema.db";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
