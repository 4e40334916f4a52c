import type { Database } from 'better-sqlite3';
import type { ClientBase } from 'pg';

/**
 * A schema reduced to what both dialects must agree on, keyed by what it is
 * (`column agents.hostname`, `index agents_report`, …) with a description to compare:
 * tables and their column order, each column's kind of type, NOT NULL and default,
 * named indexes (table, columns, unique, partial), primary and unique keys, foreign
 * keys, triggers, and the rows a fresh database starts with. Not compared: CHECK
 * constraints and index predicates, whose text differs by dialect.
 */
export type SchemaShape = Map<string, string>;

/** Kinds of type, so `INTEGER` matches bigint or smallint and `BLOB` matches bytea. */
const KIND: Record<string, string> = {
  INTEGER: 'integer', TEXT: 'text', BLOB: 'blob', REAL: 'real',
  bigint: 'integer', smallint: 'integer', integer: 'integer', text: 'text', bytea: 'blob', 'double precision': 'real',
};
const column = (type: string, notNull: boolean, dflt: string | null) =>
  `${KIND[type] ?? type}${notNull ? ' not null' : ''}${dflt === null ? '' : ` default ${dflt}`}`;
const rowsJson = (rows: unknown[]) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort());

export function sqliteShape(db: Database): SchemaShape {
  const shape: SchemaShape = new Map();
  const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];
  for (const { name: t } of all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
    const cols = all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>('SELECT * FROM pragma_table_info(?)', t);
    shape.set(`table ${t}`, `columns ${cols.map((c) => c.name).join(', ')}`);
    // A primary key column is NOT NULL in PostgreSQL; SQLite lets a non-integer one be NULL, which no code relies on.
    for (const c of cols) shape.set(`column ${t}.${c.name}`, column(c.type, c.notnull === 1 || c.pk > 0, c.dflt_value));
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    if (pk.length > 0) shape.set(`primary key ${t} (${pk.map((c) => c.name).join(', ')})`, '');
    for (const i of all<{ name: string; unique: number; origin: string; partial: number }>('SELECT * FROM pragma_index_list(?)', t)) {
      const keys = all<{ cid: number; name: string | null; coll: string }>('SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno', i.name)
        .map((k) => (k.cid === -2 ? '<expression>' : k.coll === 'NOCASE' ? `${k.name} nocase` : k.name!))
        .join(', ');
      if (i.origin === 'u') shape.set(`unique ${t} (${keys})`, '');
      if (i.origin === 'c') shape.set(`index ${i.name}`, `on ${t} (${keys})${i.unique ? ' unique' : ''}${i.partial ? ' partial' : ''}`);
    }
    for (const f of all<{ from: string; table: string; to: string; on_delete: string }>('SELECT * FROM pragma_foreign_key_list(?)', t)) {
      shape.set(`foreign key ${t} (${f.from})`, `references ${f.table} (${f.to}) on delete ${f.on_delete.toLowerCase()}`);
    }
    const rows = all<unknown>(`SELECT * FROM "${t}"`);
    if (rows.length > 0) shape.set(`rows of ${t}`, rowsJson(rows));
  }
  for (const tr of all<{ name: string; tbl_name: string }>("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")) {
    shape.set(`trigger ${tr.tbl_name}.${tr.name}`, '');
  }
  return shape;
}

const ON_DELETE: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

/**
 * The same from PostgreSQL's catalogs, for the connection's current schema, without the
 * migration runner's own `schema_version`. Read with PG_TYPES so seed rows compare as numbers.
 */
export async function pgShape(client: ClientBase): Promise<SchemaShape> {
  const shape: SchemaShape = new Map();
  const all = async <T>(sql: string) => (await client.query(sql)).rows as T[];
  const mine = (t: string) => t !== 'schema_version';
  const cols = await all<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(`
    SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`);
  const tables = [...new Set(cols.map((c) => c.table_name))].filter(mine);
  for (const t of tables) {
    // SQLite's implicit rowid, a column in PostgreSQL where a repo orders by it (the baseline's machine_software).
    const own = cols.filter((c) => c.table_name === t && c.column_name !== 'rowid');
    shape.set(`table ${t}`, `columns ${own.map((c) => c.column_name).join(', ')}`);
    for (const c of own) shape.set(`column ${t}.${c.column_name}`, column(c.data_type, c.is_nullable === 'NO', c.column_default?.replace(/::[a-z ]+$/, '') ?? null));
    const rows = await all<unknown>(`SELECT * FROM "${t}"`);
    if (rows.length > 0) shape.set(`rows of ${t}`, rowsJson(rows));
  }
  const constraints = await all<{ table: string; type: string; cols: string[]; ref: string | null; ref_cols: string[] | null; on_delete: string; equal: boolean }>(`
    SELECT t.relname AS table, c.contype AS type, r.relname AS ref, c.confdeltype AS on_delete,
      coalesce((SELECT bool_and(o.oprname = '=') FROM unnest(c.conexclop) x(op) JOIN pg_operator o ON o.oid = x.op), false) AS equal,
      array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
      array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS ref_cols
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid LEFT JOIN pg_class r ON r.oid = c.confrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f', 'x')`);
  for (const c of constraints.filter((x) => mine(x.table))) {
    const cols = c.cols.join(', ');
    if (c.type === 'p') shape.set(`primary key ${c.table} (${cols})`, '');
    // An exclusion constraint on equality alone is a unique key (the baseline's finding_outlines).
    if (c.type === 'u' || (c.type === 'x' && c.equal)) shape.set(`unique ${c.table} (${cols})`, '');
    if (c.type === 'x' && !c.equal) shape.set(`exclusion ${c.table} (${cols})`, '');
    if (c.type === 'f') shape.set(`foreign key ${c.table} (${cols})`, `references ${c.ref} (${c.ref_cols!.join(', ')}) on delete ${ON_DELETE[c.on_delete]}`);
  }
  const indexes = await all<{ name: string; table: string; unique: boolean; partial: boolean; keys: string[] }>(`
    SELECT i.relname AS name, t.relname AS table, x.indisunique AS unique, x.indpred IS NOT NULL AS partial,
      array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS keys
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`);
  for (const i of indexes.filter((x) => mine(x.table))) {
    // lower(x), with or without COLLATE "C", is how the baseline spells SQLite's NOCASE.
    const keys = i.keys.map((k) => /^\(?lower\((\w+)\)(?: COLLATE "C")?\)?$/.exec(k)?.[1]?.concat(' nocase') ?? (/^\w+$/.test(k) ? k : '<expression>'));
    shape.set(`index ${i.name}`, `on ${i.table} (${keys.join(', ')})${i.unique ? ' unique' : ''}${i.partial ? ' partial' : ''}`);
  }
  for (const tr of await all<{ name: string; table: string }>(`
    SELECT g.tgname AS name, t.relname AS table FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
    WHERE NOT g.tgisinternal AND t.relnamespace = current_schema()::regnamespace`)) {
    shape.set(`trigger ${tr.table}.${tr.name}`, '');
  }
  return shape;
}

/** Every difference, worded by what each side lacks or how the two differ; empty when they agree. */
export function schemaDiff(sqlite: SchemaShape, pg: SchemaShape): string[] {
  const out: string[] = [];
  for (const [key, s] of sqlite) {
    const p = pg.get(key);
    if (p === undefined) out.push(`PostgreSQL lacks ${key}${s ? ` (${s})` : ''}, which SQLite has`);
    else if (p !== s) out.push(`${key}: SQLite ${s}, PostgreSQL ${p}`);
  }
  for (const [key, p] of pg) if (!sqlite.has(key)) out.push(`SQLite lacks ${key}${p ? ` (${p})` : ''}, which PostgreSQL has`);
  return out;
}
