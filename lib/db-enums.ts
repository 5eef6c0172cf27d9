// The database's enums as value lists, taken from Prisma's generated types (the SQLite and the
// PostgreSQL client generate the same ones from the same models): no hand-kept copies that could
// drift from the schema. Pure (no client, no "server-only"), so forms and rules may use them too.
import { Cadence, Channel, UpdateKind } from "@/lib/generated/sqlite/enums";

export type { Cadence, Channel, UpdateKind };

const values = <T extends Record<string, string>>(e: T) => Object.values(e) as [T[keyof T], ...T[keyof T][]];

/** news, event, call — in the schema's order. */
export const UPDATE_KINDS = values(UpdateKind);
/** instant, daily, weekly. */
export const CADENCES = values(Cadence);
/** web, email, fediverse: how a subscription reaches its reader. */
export const CHANNELS = values(Channel);
