import type { Async } from '../async.js';
import type { AuditRepo } from '../audit-repo.js';
import { toAuditEntry, type AuditRow } from '../audit-rows.js';
import type { AuditEntry } from '../audit-types.js';
import type { AuditFilter } from '../registry-types.js';
import { rows, run, stmt, type Queryable } from './query.js';

const INSERT = stmt('audit.insert', 'INSERT INTO audit_log (at, actor, action, target, detail_json) VALUES ($1, $2, $3, $4, $5)');
const LATEST = stmt(
  'audit.latest',
  'SELECT id, at, actor, action, target, detail_json FROM audit_log WHERE starts_with(action, $1) ORDER BY id DESC LIMIT $2 OFFSET $3',
);

/** `audit_log` on PostgreSQL: written in the same transaction as the admin write it records. */
export class PgAuditRepo implements Async<AuditRepo> {
  constructor(private readonly q: Queryable) {}

  async record(e: AuditEntry): Promise<void> {
    await run(this.q, INSERT, [e.at, e.actor, e.action, e.target, e.detail === null ? null : JSON.stringify(e.detail)]);
  }

  async list(f: AuditFilter): Promise<(AuditEntry & { id: number })[]> {
    return (await rows<AuditRow>(this.q, LATEST, [f.action ?? '', f.limit, f.offset])).map(toAuditEntry);
  }
}
