import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** The tables that store a JSON value once by its content (migration 4). */
export type ContentTable = 'finding_sets' | 'assessment_bases';

/**
 * SQL for a table of JSON values stored once by content (`id`, `hash`, `json`). Machines in
 * the same state, and the snapshots of a machine that repeat it, point at one row.
 * Parsed values are cached up to `cacheSize`, enough for a fleet-wide re-judge, whose
 * machines mostly share them; the cache is dropped whole when full, and by `reset` at the
 * start of each transaction, since a rolled-back insert frees its id for other content.
 */
export class ContentRepo<T> {
  private readonly byHash: Statement<[string], { id: number }>;
  private readonly insert: Statement<unknown[]>;
  private readonly byId: Statement<[number], { json: string }>;
  private readonly cache = new Map<number, T>();
  /** JSON → id of content seen in this transaction: a fleet re-assessed mostly repeats a few states. */
  private readonly ids = new Map<string, number>();

  /**
   * `derived`: a column computed from the value and written with it (a finding set's
   * outline id, which reports read instead of the whole set).
   */
  constructor(db: Database, private readonly table: ContentTable, private readonly cacheSize = 4096, private readonly derived?: { column: string; of: (value: T) => number }) {
    this.byHash = db.prepare(`SELECT id FROM ${table} WHERE hash = ?`);
    this.insert = derived
      ? db.prepare(`INSERT INTO ${table} (hash, json, ${derived.column}) VALUES (?, ?, ?)`)
      : db.prepare(`INSERT INTO ${table} (hash, json) VALUES (?, ?)`);
    this.byId = db.prepare(`SELECT json FROM ${table} WHERE id = ?`);
  }

  /** The id of the row holding exactly this value, added when new. */
  idOf(value: T): number {
    const json = JSON.stringify(value);
    const seen = this.ids.get(json);
    if (seen !== undefined) return seen;
    const hash = createHash('sha256').update(json).digest('base64url');
    const id = this.byHash.get(hash)?.id ?? Number((this.derived ? this.insert.run(hash, json, this.derived.of(value)) : this.insert.run(hash, json)).lastInsertRowid);
    if (this.ids.size >= 1024) this.ids.clear();
    this.ids.set(json, id);
    return id;
  }

  reset(): void {
    this.cache.clear();
    this.ids.clear();
  }

  get(id: number): T {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    const r = this.byId.get(id);
    if (!r) throw new Error(`${this.table} has no row ${id}`);
    const value = JSON.parse(r.json) as T;
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(id, value);
    return value;
  }
}
