import type { Database } from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { ZhengbanError } from '@zhengban/shared';

/** Tables the copy leaves alone: its own bookkeeping, and a table triggers derive from another. */
const NOT_COPIED = new Set(['schema_version', 'licence_seats_used']);
/** Rows the target's migrations seed, replaced by the source's. */
const SEEDED = new Set(['meta']);
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMS = 60_000;

export class TargetNotEmptyError extends ZhengbanError {
  constructor(table: string, rows: number) {
    super('E_TARGET_NOT_EMPTY', `the PostgreSQL database already holds data (${rows} rows in ${table}): move into an empty database`);
  }
}

export class CopyMismatchError extends ZhengbanError {
  constructor(table: string, source: number, target: number) {
    super('E_COPY_MISMATCH', `${table}: ${source} rows in SQLite but ${target} in PostgreSQL after the copy; nothing was kept`);
  }
}

interface Table {
  name: string;
  columns: string[];
  /** Columns that refer to the table itself (a unit's parent): written in a second pass. */
  selfRefs: string[];
  /** Tables it refers to. */
  refs: string[];
}

export interface CopiedTable {
  table: string;
  rows: number;
}

function tables(db: Database): Table[] {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return names
    .filter((n) => !NOT_COPIED.has(n))
    .map((name) => {
      const fks = db.prepare(`SELECT "table" AS ref, "from" AS col FROM pragma_foreign_key_list(?)`).all(name) as { ref: string; col: string }[];
      return {
        name,
        columns: (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string }[]).map((c) => c.name),
        selfRefs: fks.filter((f) => f.ref === name).map((f) => f.col),
        refs: [...new Set(fks.filter((f) => f.ref !== name).map((f) => f.ref))],
      };
    });
}

/** Every table after the tables it refers to. */
function inOrder(all: Table[]): Table[] {
  const byName = new Map(all.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: Table[] = [];
  const visit = (t: Table, path: string[]) => {
    if (done.has(t.name)) return;
    if (path.includes(t.name)) throw new Error(`tables refer to each other in a circle: ${[...path, t.name].join(' → ')}`);
    for (const r of t.refs) {
      const ref = byName.get(r);
      if (ref) visit(ref, [...path, t.name]);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of all) visit(t, []);
  return out;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function insertRows(client: PoolClient, t: Table, rows: unknown[][]): Promise<void> {
  const n = t.columns.length;
  const values = rows.map((_, r) => `(${t.columns.map((__, c) => `$${r * n + c + 1}`).join(', ')})`).join(', ');
  await client.query(`INSERT INTO ${quote(t.name)} (${t.columns.map(quote).join(', ')}) VALUES ${values}`, rows.flat());
}

/**
 * Copies every table of a SQLite database (at the current schema) into an empty
 * PostgreSQL database of the same schema, inside the caller's transaction, keeping ids;
 * then moves each identity past the ids copied and checks every table's count, the
 * seats the triggers counted included. Returns the rows copied per table.
 */
export async function copyFromSqlite(db: Database, client: PoolClient, progress: (t: CopiedTable) => void = () => {}): Promise<CopiedTable[]> {
  const order = inOrder(tables(db));
  for (const t of order) {
    if (SEEDED.has(t.name)) continue;
    const { n } = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(t.name)}`)).rows[0]!;
    if (n > 0) throw new TargetNotEmptyError(t.name, n);
  }
  const copied: CopiedTable[] = [];
  for (const t of order) {
    if (SEEDED.has(t.name)) await client.query(`DELETE FROM ${quote(t.name)}`);
    const batch = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / t.columns.length)));
    const select = db.prepare(`SELECT ${t.columns.map(quote).join(', ')} FROM ${quote(t.name)} ORDER BY rowid`).raw(true);
    let rows: unknown[][] = [];
    let count = 0;
    const selfIndex = t.selfRefs.map((c) => t.columns.indexOf(c));
    const later: { key: unknown[]; refs: unknown[] }[] = [];
    for (const r of select.iterate() as Iterable<unknown[]>) {
      if (selfIndex.length > 0 && selfIndex.some((i) => r[i] !== null)) {
        later.push({ key: [r[0]], refs: selfIndex.map((i) => r[i]) });
        for (const i of selfIndex) r[i] = null;
      }
      rows.push(r);
      if (rows.length === batch) {
        await insertRows(client, t, rows);
        count += rows.length;
        rows = [];
      }
    }
    if (rows.length > 0) await insertRows(client, t, rows);
    count += rows.length;
    // The second pass: a row may name one copied after it (a unit moved under a newer one).
    for (const l of later) {
      await client.query(`UPDATE ${quote(t.name)} SET ${t.selfRefs.map((c, i) => `${quote(c)} = $${i + 2}`).join(', ')} WHERE ${quote(t.columns[0]!)} = $1`, [...l.key, ...l.refs]);
    }
    // Past the ids copied, so the next row the collector adds does not take one of them.
    if (t.columns.includes('id')) {
      const { seq } = (await client.query<{ seq: string | null }>("SELECT pg_get_serial_sequence($1, 'id') AS seq", [t.name])).rows[0]!;
      if (seq && count > 0) await client.query(`SELECT setval($1, (SELECT max(id) FROM ${quote(t.name)}))`, [seq]);
    }
    const done = { table: t.name, rows: count };
    copied.push(done);
    progress(done);
  }
  for (const name of [...order.map((t) => t.name), 'licence_seats_used']) {
    const source = (db.prepare(`SELECT count(*) AS n FROM ${quote(name)}`).get() as { n: number }).n;
    const target = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(name)}`)).rows[0]!.n;
    if (source !== target) throw new CopyMismatchError(name, source, target);
  }
  return copied;
}
