import type { Database, Statement } from 'better-sqlite3';

export interface ReviewCandidate {
  name: string;
  publisher: string | null;
  versions: string[];
  machines: number;
  firstSeen: string | null;
}

interface CandidateRow {
  name: string;
  publisher: string | null;
  versions: string | null;
  machines: number;
  first_seen: string | null;
}

/**
 * SQL for the software review: installed software grouped by name and publisher.
 * Distribution packages (dpkg, rpm) and hidden system components are left out: they come
 * with the system, and the review is for what people installed.
 */
export class ReviewRepo {
  private readonly grouped: Statement<[{ units: string | null }], CandidateRow>;

  constructor(db: Database) {
    // `units` is a JSON array of unit ids, or null for every unit.
    this.grouped = db.prepare(
      `SELECT s.name, s.publisher, group_concat(DISTINCT s.version) AS versions, count(DISTINCT s.agent_id) AS machines,
          min(coalesce(a.first_seen, a.enrolled_at)) AS first_seen
        FROM machine_software s JOIN agents a ON a.id = s.agent_id AND s.gen = a.software_gen
        WHERE s.source NOT IN ('dpkg', 'rpm') AND coalesce(s.system_component, 0) = 0
          AND (@units IS NULL OR a.unit_id IN (SELECT value FROM json_each(@units)))
        GROUP BY s.name, s.publisher ORDER BY machines DESC, s.name`,
    );
  }

  /** Over the machines of these units (all when absent), most widespread first; at most 20 versions each. */
  candidates(unitIds?: readonly number[]): ReviewCandidate[] {
    const rows = this.grouped.all({ units: unitIds === undefined ? null : JSON.stringify(unitIds) });
    return rows.map((r) => ({
      name: r.name,
      publisher: r.publisher,
      versions: r.versions ? r.versions.split(',').slice(0, 20) : [],
      machines: r.machines,
      firstSeen: r.first_seen,
    }));
  }
}
