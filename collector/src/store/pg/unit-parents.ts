import { rows, stmt, type Queryable } from './query.js';

/**
 * What tells whether the units may have changed since a map was read: every unit write
 * moves the registry's revision, and a unit that enrollment creates moves the count and
 * the top id (as ../engine-repo.ts keys it). The revision row's xmin joins them, so a
 * map read inside a transaction that then rolled back never matches again: another
 * collector's later write that reaches the same revision is a row version of its own.
 * The units come back only when the key is not the one given ($1): one statement either way.
 */
const PARENTS = stmt(
  'engine.unitParents',
  `SELECT k.key, u.id, u.parent_id
  FROM (SELECT concat_ws('/', m.value, m.xmin, (SELECT count(*) FROM units), (SELECT max(id) FROM units)) AS key
    FROM (SELECT 1) one LEFT JOIN meta m ON m.key = 'registry_revision') k
  LEFT JOIN units u ON k.key IS DISTINCT FROM $1::text`,
);

type Parents = { key: string; map: Map<number, number | null> };

/**
 * Per connection (a pooled client, or the pool for reads), not per process: a process
 * may hold stores of several databases (tests do), and a connection reaches one.
 * Reading a thousand units for every snapshot was a twentieth of an ingest.
 */
const byConnection = new WeakMap<Queryable, Parents>();

/** Unit id → its parent's, shared read-only between the transactions of a connection while the units stay as they were. */
export async function unitParents(q: Queryable): Promise<ReadonlyMap<number, number | null>> {
  const cached = byConnection.get(q);
  const found = await rows<{ key: string; id: number | null; parent_id: number | null }>(q, PARENTS, [cached?.key ?? null]);
  const key = found[0]!.key;
  if (cached && cached.key === key) return cached.map;
  const map = new Map<number, number | null>();
  for (const r of found) if (r.id !== null) map.set(r.id, r.parent_id);
  byConnection.set(q, { key, map });
  return map;
}
