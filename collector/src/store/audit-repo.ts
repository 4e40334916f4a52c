import type { Database, Statement } from 'better-sqlite3';
import type { AuditFilter } from './registry-types.js';
import { toAuditEntry, type AuditRow } from './audit-rows.js';
import type { AuditEntry } from './audit-types.js';

/** SQL for `audit_log`: written in the same transaction as the admin write it records. */
export class AuditRepo {
  private readonly insertStmt: Statement<[string, string, string, string | null, string | null]>;
  private readonly latest: Statement<[{ limit: number; offset: number; prefix: string }], AuditRow>;

  constructor(db: Database) {
    this.insertStmt = db.prepare('INSERT INTO audit_log (at, actor, action, target, detail_json) VALUES (?, ?, ?, ?, ?)');
    this.latest = db.prepare(
      "SELECT * FROM audit_log WHERE substr(action, 1, length(@prefix)) = @prefix ORDER BY id DESC LIMIT @limit OFFSET @offset",
    );
  }

  record(e: AuditEntry): void {
    this.insertStmt.run(e.at, e.actor, e.action, e.target, e.detail === null ? null : JSON.stringify(e.detail));
  }

  /** Newest first. */
  list(f: AuditFilter): (AuditEntry & { id: number })[] {
    return this.latest.all({ limit: f.limit, offset: f.offset, prefix: f.action ?? '' }).map(toAuditEntry);
  }
}
