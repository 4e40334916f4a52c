import pg, { type CustomTypesConfig } from 'pg';

/**
 * Type parsers for a pool or client (`new Pool({ types: PG_TYPES })`) so rows come back
 * as better-sqlite3 gives them: node-postgres returns int8 (every id, count(*), the
 * baseline's bigint columns) as a string, as it cannot know the value fits a number.
 * Ours do, and one that does not is an error here rather than a wrong id later.
 * Per pool, not `pg.types.setTypeParser`, which would change every pool in the process.
 */
export const PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8 && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is beyond JavaScript's safe integers`);
  return n;
}
