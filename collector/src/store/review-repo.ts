import type { Database } from 'better-sqlite3';

export interface ReviewCandidate {
  name: string;
  publisher: string | null;
  versions: string[];
  machines: number;
  firstSeen: string | null;
}

/**
 * Installed software grouped by name and publisher, over the machines of some units (all
 * when absent). Distribution packages (dpkg, rpm) and hidden system components are left
 * out: they come with the system, and the review is for what people installed.
 */
export function reviewCandidates(db: Database, unitIds: readonly number[] | undefined): ReviewCandidate[] {
  const scope = unitIds === undefined ? '' : `AND a.unit_id IN (${unitIds.map(() => '?').join(',') || 'NULL'})`;
  const rows = db
    .prepare(
      `SELECT s.name, s.publisher, group_concat(DISTINCT s.version) AS versions, count(DISTINCT s.agent_id) AS machines,
          min(coalesce(a.first_seen, a.enrolled_at)) AS first_seen
        FROM machine_software s JOIN agents a ON a.id = s.agent_id AND s.gen = a.software_gen
        WHERE s.source NOT IN ('dpkg', 'rpm') AND coalesce(s.system_component, 0) = 0 ${scope}
        GROUP BY s.name, s.publisher ORDER BY machines DESC, s.name`,
    )
    .all(...(unitIds ?? [])) as { name: string; publisher: string | null; versions: string | null; machines: number; first_seen: string | null }[];
  return rows.map((r) => ({
    name: r.name,
    publisher: r.publisher,
    versions: r.versions ? r.versions.split(',').slice(0, 20) : [],
    machines: r.machines,
    firstSeen: r.first_seen,
  }));
}
