import type { Database, Transaction } from 'better-sqlite3';
import { AuditRepo } from './audit-repo.js';
import { MetaRepo } from './meta-repo.js';
import { UnitRepo } from './unit-repo.js';

/**
 * What each store factory gets from SqliteStore: the connection, a way to make
 * transactions, and the repos every write shares (audit, meta, units).
 */
export interface StoreContext {
  db: Database;
  tx: <A extends unknown[], R>(fn: (...args: A) => R) => Transaction<(...args: A) => R>;
  audit: AuditRepo;
  meta: MetaRepo;
  units: UnitRepo;
}

export function storeContext(db: Database): StoreContext {
  return {
    db,
    tx: (fn) => db.transaction(fn),
    audit: new AuditRepo(db),
    meta: new MetaRepo(db),
    units: new UnitRepo(db),
  };
}
