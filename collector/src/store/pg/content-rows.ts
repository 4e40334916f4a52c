import { createHash } from 'node:crypto';
import type { Finding } from '@zhengban/shared';
import { outlineJson } from '../../reports/finding-outline.js';
import type { AssessmentBasis } from '../engine-types.js';
import { row, rows, stmt, type Queryable, type Stmt } from './query.js';

/** The content hash both stores key a JSON value by (../content-repo.ts): a copied database finds its rows. */
export const contentHash = (json: string): string => createHash('sha256').update(json).digest('base64url');

/**
 * CTEs that find the row holding a basis or add it, ending in `<p>id`, taking no identity
 * value when the row exists. ON CONFLICT covers two collectors adding the same content at
 * once: the later one adds nothing, and its `found` (read before the other committed)
 * misses the row too, so `<p>id` is empty and the statement is run again, then seeing
 * the committed row. Parameters are given as SQL (`$1`), so a longer statement can hold them.
 */
export const basisCtes = (p: string, hash: string, json: string): string => `${p}found AS (SELECT id FROM assessment_bases WHERE hash = ${hash}::text),
  ${p}added AS (INSERT INTO assessment_bases (hash, json) SELECT ${hash}::text, ${json}::text WHERE NOT EXISTS (SELECT FROM ${p}found)
    ON CONFLICT (hash) DO NOTHING RETURNING id),
  ${p}id AS (SELECT id FROM ${p}found UNION ALL SELECT id FROM ${p}added)`;

/**
 * The same for a finding set and its outline (what reports read instead of the set,
 * stored once by its JSON as well): the set is added only with its outline's id, so a
 * race lost on the outline also leaves `<p>id` empty.
 */
export const findingSetCtes = (p: string, hash: string, json: string, outline: string): string => `${p}found AS (SELECT id FROM finding_sets WHERE hash = ${hash}::text),
  ${p}outline_found AS (SELECT id FROM finding_outlines WHERE json = ${outline}::text AND NOT EXISTS (SELECT FROM ${p}found)),
  ${p}outline_added AS (INSERT INTO finding_outlines (json) SELECT ${outline}::text
    WHERE NOT EXISTS (SELECT FROM ${p}found) AND NOT EXISTS (SELECT FROM ${p}outline_found) ON CONFLICT DO NOTHING RETURNING id),
  ${p}added AS (INSERT INTO finding_sets (hash, json, outline_id)
    SELECT ${hash}::text, ${json}::text, o.id FROM (SELECT id FROM ${p}outline_found UNION ALL SELECT id FROM ${p}outline_added) o
    WHERE NOT EXISTS (SELECT FROM ${p}found) ON CONFLICT (hash) DO NOTHING RETURNING id),
  ${p}id AS (SELECT id FROM ${p}found UNION ALL SELECT id FROM ${p}added)`;

const BASIS = stmt('engine.basisIdOf', `WITH ${basisCtes('', '$1', '$2')} SELECT id FROM id`);
const FINDING_SET = stmt('engine.findingSetIdOf', `WITH ${findingSetCtes('', '$1', '$2', '$3')} SELECT id FROM id`);

const BASES_BY_HASH = stmt('engine.basesByHash', 'SELECT id, hash FROM assessment_bases WHERE hash = ANY($1::text[])');
const FINDING_SETS_BY_HASH = stmt('engine.findingSetsByHash', 'SELECT id, hash FROM finding_sets WHERE hash = ANY($1::text[])');

const BASIS_JSON = stmt('engine.basisJson', 'SELECT json FROM assessment_bases WHERE id = $1');
const FINDING_SET_JSON = stmt('engine.findingSetJson', 'SELECT json FROM finding_sets WHERE id = $1');

/** Runs a find-or-add statement until it answers: a second run sees what a concurrent collector committed. */
async function idOfContent(q: Queryable, s: Stmt, values: unknown[]): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await row<{ id: number }>(q, s, values);
    if (found) return found.id;
  }
  throw new Error(`${s.name}: content neither found nor added`);
}

/**
 * A table of JSON values stored once by content, as one transaction sees it: ids by JSON
 * and parsed values by id are cached for the transaction (a fleet re-judged mostly
 * repeats a few states), and go with it, so an id a rolled-back insert took is never
 * handed out again. `params` gives the statement's values after the hash and JSON.
 */
export class ContentRows<T> {
  private readonly values = new Map<number, T>();
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly q: Queryable,
    private readonly table: string,
    private readonly statements: { idOf: Stmt; json: Stmt; byHash: Stmt },
    private readonly params: (value: T) => unknown[] = () => [],
    private readonly cacheSize = 4096,
  ) {}

  /** The id already known in this transaction for this JSON. */
  known(json: string): number | undefined {
    return this.ids.get(json);
  }

  /** Remembers an id the caller found or added for this JSON (a combined statement). */
  remember(json: string, id: number): void {
    if (this.ids.size >= 1024) this.ids.clear();
    this.ids.set(json, id);
  }

  /** The id of the row holding exactly this value, added when new. */
  async idOf(value: T, json = JSON.stringify(value)): Promise<number> {
    const seen = this.ids.get(json);
    if (seen !== undefined) return seen;
    const id = await idOfContent(this.q, this.statements.idOf, [contentHash(json), json, ...this.params(value)]);
    this.remember(json, id);
    return id;
  }

  /**
   * idOf for many values (JSON given beside each), in order: those not known in this
   * transaction are looked for in one statement, and only those not found are added
   * one by one. A fleet assessed again mostly finds findings it has stored before.
   */
  async idsOf(values: readonly { value: T; json: string }[]): Promise<number[]> {
    const unknown = new Map<string, string>();
    for (const v of values) if (!this.ids.has(v.json) && !unknown.has(v.json)) unknown.set(v.json, contentHash(v.json));
    const found = new Map<string, number>();
    if (unknown.size > 0) {
      for (const r of await rows<{ id: number; hash: string }>(this.q, this.statements.byHash, [[...unknown.values()]])) found.set(r.hash, r.id);
    }
    const out: number[] = [];
    for (const v of values) {
      const hash = unknown.get(v.json);
      const id = this.ids.get(v.json) ?? (hash !== undefined ? found.get(hash) : undefined) ?? (await this.idOf(v.value, v.json));
      this.remember(v.json, id);
      out.push(id);
    }
    return out;
  }

  async get(id: number): Promise<T> {
    const hit = this.values.get(id);
    if (hit !== undefined) return hit;
    const r = await row<{ json: string }>(this.q, this.statements.json, [id]);
    if (!r) throw new Error(`${this.table} has no row ${id}`);
    const value = JSON.parse(r.json) as T;
    if (this.values.size >= this.cacheSize) this.values.clear();
    this.values.set(id, value);
    return value;
  }
}

export const basisRows = (q: Queryable): ContentRows<AssessmentBasis> => new ContentRows(q, 'assessment_bases', { idOf: BASIS, json: BASIS_JSON, byHash: BASES_BY_HASH });

export const findingSetRows = (q: Queryable): ContentRows<readonly Finding[]> =>
  new ContentRows(q, 'finding_sets', { idOf: FINDING_SET, json: FINDING_SET_JSON, byHash: FINDING_SETS_BY_HASH }, (findings) => [outlineJson(findings)]);
