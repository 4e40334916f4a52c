import type { Database, Statement } from 'better-sqlite3';

type Key = 'catalog_revision' | 'registry_revision' | 'rejudge_pending' | 'assessed_with' | 'allocated_on' | 'kms_hosts';

/**
 * SQL for `meta`: revision counters of the catalog and the registry, and the re-judge a
 * committed write still owes. A write bumps its revision and sets the mark in its own
 * transaction; the re-judge clears it when it commits, and `serve` runs any owed one at start.
 */
export class MetaRepo {
  private readonly getStmt: Statement<[Key], { value: string }>;
  private readonly setStmt: Statement<[string, Key]>;

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO meta (value, key) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  revision(which: 'catalog' | 'registry'): number {
    return Number(this.getStmt.get(`${which}_revision`)?.value ?? 0);
  }

  /** Bumps the revision and marks the re-judge owed; returns the new revision. */
  bump(which: 'catalog' | 'registry', reason: string): number {
    const next = this.touch(which);
    this.setStmt.run(reason, 'rejudge_pending');
    return next;
  }

  /** Bumps the revision of a write that changes no verdict (a person's phone, a new empty unit). */
  touch(which: 'catalog' | 'registry'): number {
    const next = this.revision(which) + 1;
    this.setStmt.run(String(next), `${which}_revision`);
    return next;
  }

  /** The reason of an owed re-judge, or '' when none is owed. */
  pending(): string {
    return this.getStmt.get('rejudge_pending')?.value ?? '';
  }

  clearPending(): void {
    this.setStmt.run('', 'rejudge_pending');
  }

  /** A value the engine keeps between runs ('' when never set). */
  value(key: 'allocated_on' | 'kms_hosts'): string {
    return this.getStmt.get(key)?.value ?? '';
  }

  set(key: 'allocated_on' | 'kms_hosts', value: string): void {
    this.setStmt.run(value, key);
  }

  /** The rules and catalog every stored assessment was made with ('' when unknown, e.g. before issue 5). */
  assessedWith(): string {
    return this.getStmt.get('assessed_with')?.value ?? '';
  }

  setAssessedWith(version: string): void {
    this.setStmt.run(version, 'assessed_with');
  }
}
