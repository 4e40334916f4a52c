import type { Async } from '../async.js';
import type { ReviewCandidate, ReviewRepo } from '../review-repo.js';
import { rows, stmt, type Queryable } from './query.js';

// $1: an array of unit ids, or NULL for every unit. SQLite's group_concat(DISTINCT)
// lists the versions in no stated order, of which the first 20 are kept: here they are
// in byte order, so the 20 are always the same. Names alike in count come by name as on
// SQLite, then by publisher (NULL first), which SQLite leaves to its grouping.
const GROUPED = stmt(
  'reviews.candidates',
  `SELECT s.name, s.publisher, string_agg(DISTINCT s.version COLLATE "C", ',' ORDER BY s.version COLLATE "C") AS versions,
      count(DISTINCT s.agent_id)::int AS machines, min(coalesce(a.first_seen, a.enrolled_at) COLLATE "C") AS "firstSeen"
    FROM machine_software s JOIN agents a ON a.id = s.agent_id AND s.gen = a.software_gen
    WHERE s.source NOT IN ('dpkg', 'rpm') AND coalesce(s.system_component, 0) = 0
      AND ($1::bigint[] IS NULL OR a.unit_id = ANY($1::bigint[]))
    GROUP BY s.name, s.publisher ORDER BY machines DESC, s.name COLLATE "C", s.publisher COLLATE "C" NULLS FIRST`,
);

/** The software review's grouping on PostgreSQL: see ../review-repo.ts. */
export class PgReviewRepo implements Async<ReviewRepo> {
  constructor(private readonly q: Queryable) {}

  async candidates(unitIds?: readonly number[]): Promise<ReviewCandidate[]> {
    const found = await rows<Omit<ReviewCandidate, 'versions'> & { versions: string | null }>(this.q, GROUPED, [unitIds ?? null]);
    return found.map((r) => ({ ...r, versions: r.versions ? r.versions.split(',').slice(0, 20) : [] }));
  }
}
