import type { Database, Statement } from 'better-sqlite3';

/**
 * SQL for allocating one machine that comes last in the seat queues (allocateLast): who
 * was first seen latest, the seats in use and the machines waiting for a licence.
 */
export class QueueRepo {
  private readonly latest: Statement<[], { id: string; first_seen: string }>;
  private readonly used: Statement<[string], { licence_id: number; n: number }>;
  private readonly waitingFor: Statement<[string, number], { n: number }>;

  constructor(db: Database) {
    // Agents that never reported have no first sight and demand nothing.
    this.latest = db.prepare('SELECT id, first_seen FROM agents WHERE first_seen IS NOT NULL ORDER BY first_seen DESC LIMIT 2');
    // Counts kept by triggers (migration 13), not counted here.
    this.used = db.prepare(`SELECT c.licence_id, c.used AS n FROM licences l JOIN licence_seats_used c ON c.licence_id = l.id
      WHERE l.product_id = ? AND c.used > 0`);
    // The WHERE is the partial index's (machine_installs_waiting): keep them the same.
    this.waitingFor = db.prepare(`SELECT count(*) AS n FROM machine_installs WHERE product_id = ?
      AND json_extract(outcome_json, '$.kind') = 'over-allocated' AND json_extract(outcome_json, '$.licenceId') = ?`);
  }

  /** Whether the machine was first seen strictly after every other: it then comes last in every queue. */
  lastInQueue(agentId: string): boolean {
    const [top, next] = this.latest.all();
    if (top?.id !== agentId) return false;
    return next === undefined || next.first_seen < top.first_seen;
  }

  seatsInUse(productId: string): Map<number, number> {
    return new Map(this.used.all(productId).map((r) => [r.licence_id, r.n]));
  }

  waiting(productId: string, licenceId: number): number {
    return this.waitingFor.get(productId, licenceId)?.n ?? 0;
  }
}
