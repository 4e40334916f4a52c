/**
 * Whether a write was refused by a unique index: the drivers name it differently
 * (better-sqlite3's `SQLITE_CONSTRAINT_UNIQUE`, PostgreSQL's SQLSTATE 23505). A service
 * that checked first and lost a race to another writer tells it apart from a fault.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
