import "server-only";
import { writeGeneration } from "@/lib/db";

/**
 * A very short-lived, per-process memory of an answer the database gave (a feed's version, its
 * rendered bytes), so that a busy feed costs the database one read a second instead of one a
 * request. An entry is used only while it is younger than `ttlMs` and this process has written
 * nothing since: a publish, a correction or a suspension here is seen here at once; another
 * instance's at most `ttlMs` later. Concurrent misses share one load.
 */
export function createShortCache<T>({ ttlMs, max }: { ttlMs: number; max: number }) {
  const entries = new Map<string, { value: Promise<T>; generation: number; expires: number }>();
  return async function cached(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const generation = writeGeneration();
    const hit = entries.get(key);
    if (hit && hit.expires > now && hit.generation === generation) return hit.value;
    const value = load();
    entries.delete(key);
    entries.set(key, { value, generation, expires: now + ttlMs });
    if (entries.size > max) entries.delete(entries.keys().next().value!);
    value.catch(() => entries.get(key)?.value === value && entries.delete(key));
    return value;
  };
}
