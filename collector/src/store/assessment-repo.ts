import type { Database, Statement } from 'better-sqlite3';
import type { Finding } from '@zhengban/shared';
import type { Assessment } from '../classify/assessment.js';
import { outlineOf } from '../classify/combine.js';
import { outlineJson } from '../reports/finding-outline.js';
import { ContentRepo } from './content-repo.js';
import { outlineIdOf } from './outline-repo.js';
import type { AssessmentBasis, StoredAssessment } from './engine-types.js';

interface AssessmentRow {
  snapshot_id: string;
  collected_at: string;
  basis_id: number;
  finding_set_id: number;
}

/**
 * SQL for what the engine keeps of each machine's assessment: the snapshot it was made
 * from and its basis, with the installs that demand a seat. Findings and bases are
 * stored once by content.
 */
export class AssessmentRepo {
  readonly findingSets: ContentRepo<readonly Finding[]>;
  readonly bases: ContentRepo<AssessmentBasis>;
  private readonly stmts: {
    get: Statement<[string], AssessmentRow>;
    save: Statement<[string, string, string, number, number]>;
    installsOf: Statement<[string], { product_id: string; outcome_json: string | null }>;
    deleteInstalls: Statement<[string]>;
    insertInstall: Statement<[string, number, string, string | null, string | null, string | null, string | null]>;
  };

  constructor(db: Database) {
    // Reports read the outline, not the whole set (migration 9).
    const outlineId = outlineIdOf(db);
    this.findingSets = new ContentRepo(db, 'finding_sets', undefined, { column: 'outline_id', of: (findings) => outlineId(outlineJson(findings)) });
    this.bases = new ContentRepo(db, 'assessment_bases');
    this.stmts = {
      get: db.prepare('SELECT snapshot_id, collected_at, basis_id, finding_set_id FROM machine_assessments WHERE agent_id = ?'),
      save: db.prepare(`INSERT INTO machine_assessments (agent_id, snapshot_id, collected_at, basis_id, finding_set_id) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (agent_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, collected_at = excluded.collected_at,
          basis_id = excluded.basis_id, finding_set_id = excluded.finding_set_id`),
      installsOf: db.prepare('SELECT product_id, outcome_json FROM machine_installs WHERE agent_id = ?'),
      deleteInstalls: db.prepare('DELETE FROM machine_installs WHERE agent_id = ?'),
      insertInstall: db.prepare(`INSERT INTO machine_installs (agent_id, idx, product_id, edition, release, kms_host, outcome_json)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  /** Drops the caches: called as each engine transaction begins. */
  reset(): void {
    this.findingSets.reset();
    this.bases.reset();
  }

  save(agentId: string, a: Assessment): StoredAssessment & { basis: AssessmentBasis } {
    const basis: AssessmentBasis = { installs: a.installs, outline: outlineOf(a.findings) };
    const stored = { snapshotId: a.snapshotId, collectedAt: a.collectedAt, basisId: this.bases.idOf(basis), findingSetId: this.findingSets.idOf(a.findings) };
    const was = this.stmts.get.get(agentId);
    // A fleet assessed again after a catalog change mostly finds what it found before: nothing to write.
    const same = was?.snapshot_id === stored.snapshotId && was.collected_at === stored.collectedAt && was.finding_set_id === stored.findingSetId;
    if (same && was?.basis_id === stored.basisId) return { ...stored, basis };
    if (was?.basis_id !== stored.basisId) this.saveInstalls(agentId, a);
    this.stmts.save.run(agentId, stored.snapshotId, stored.collectedAt, stored.basisId, stored.findingSetId);
    return { ...stored, basis };
  }

  private saveInstalls(agentId: string, a: Assessment): void {
    const kept = new Map(this.stmts.installsOf.all(agentId).map((r) => [r.product_id, r.outcome_json]));
    this.stmts.deleteInstalls.run(agentId);
    // An install covered without the registry (Windows with the firmware's OEM key) demands no seat.
    a.installs
      .filter((i) => !i.implicit)
      .forEach((i, idx) => this.stmts.insertInstall.run(agentId, idx, i.productId, i.edition, i.release, i.kmsHost, kept.get(i.productId) ?? null));
  }
}
