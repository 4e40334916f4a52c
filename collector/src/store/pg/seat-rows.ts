import type { Outcome, SeatLicence } from '../../classify/allocate.js';
import { toDemand, toSeatLicence, type DemandRow } from '../engine-rows.js';
import type { OutcomeChange, StoredDemand } from '../engine-types.js';
import { PgLicenceRepo } from './licence-repo.js';
import { inBatches, row, rows, run, stmt, type Queryable, type Stmt } from './query.js';

// Of two installs of one product on a machine (one seat between them) the allocation
// keeps the later: in install order, as SQLite reads them (its rowid order). A machine's
// own come by product, as SQLite's index on (agent, product) gives them.
const DEMANDS = `SELECT i.agent_id, i.product_id, i.edition, i.release, i.kms_host, i.outcome_json, a.unit_id,
    coalesce(a.first_seen, a.enrolled_at) AS first_seen
  FROM machine_installs i JOIN agents a ON a.id = i.agent_id`;
const S = {
  demands: stmt('engine.demands', `${DEMANDS} ORDER BY i.agent_id, i.idx`),
  demandsOf: stmt('engine.demandsOfProducts', `${DEMANDS} WHERE i.product_id = ANY($1::text[]) ORDER BY i.agent_id, i.idx`),
  demandsOfAgent: stmt('engine.demandsOfAgent', `${DEMANDS} WHERE i.agent_id = $1 ORDER BY i.product_id COLLATE "C", i.idx`),
  held: stmt('engine.held', 'SELECT agent_id, product_id, licence_id FROM seat_allocations'),
  heldOf: stmt('engine.heldOfProducts', 'SELECT agent_id, product_id, licence_id FROM seat_allocations WHERE product_id = ANY($1::text[])'),
  // Keys freed and keys taken are apart (a key is in one list or the other), so no row is written twice.
  // The seat triggers (licence_seats_used) count the rows deleted, inserted or moved, once per statement.
  saveSeats: stmt(
    'engine.saveSeats',
    `WITH freed AS (DELETE FROM seat_allocations s USING unnest($1::text[], $2::text[]) AS g(agent_id, product_id)
      WHERE s.agent_id = g.agent_id AND s.product_id = g.product_id)
    INSERT INTO seat_allocations (agent_id, product_id, licence_id, since)
      SELECT n.agent_id, n.product_id, n.licence_id, $6::text FROM unnest($3::text[], $4::text[], $5::bigint[]) AS n(agent_id, product_id, licence_id)
    ON CONFLICT (agent_id, product_id) DO UPDATE SET licence_id = excluded.licence_id, since = excluded.since
      WHERE seat_allocations.licence_id <> excluded.licence_id`,
  ),
  saveOutcomes: stmt(
    'engine.saveOutcomes',
    `UPDATE machine_installs i SET outcome_json = g.outcome_json
    FROM unnest($1::text[], $2::text[], $3::text[]) AS g(agent_id, product_id, outcome_json)
    WHERE i.agent_id = g.agent_id AND i.product_id = g.product_id`,
  ),
  // Agents that never reported have no first sight and demand nothing. ISO times sort alike in any collation, so the index serves.
  latest: stmt('engine.latestSeen', 'SELECT id, first_seen FROM agents WHERE first_seen IS NOT NULL ORDER BY first_seen DESC LIMIT 2'),
  // Counts kept by triggers, not counted here.
  used: stmt(
    'engine.seatsInUse',
    `SELECT c.licence_id, c.used AS n FROM licences l JOIN licence_seats_used c ON c.licence_id = l.id
    WHERE l.product_id = $1 AND c.used > 0 ORDER BY c.licence_id`,
  ),
  // The WHERE is the partial index's (machine_installs_waiting), licence id compared as text as the index holds it.
  waiting: stmt(
    'engine.waiting',
    `SELECT count(*)::int AS n FROM machine_installs WHERE product_id = $1
    AND (outcome_json::jsonb) ->> 'kind' = 'over-allocated' AND ((outcome_json::jsonb) ->> 'licenceId') = $2::text`,
  ),
  kmsHosts: stmt('engine.licensedKmsHosts', "SELECT kms_hosts_json FROM licences WHERE model = 'kms' ORDER BY id"),
};

const keyOf = (agentId: string, productId: string) => `${agentId}\u0000${productId}`;

/** The engine's seats on PostgreSQL: demands from the stored installs, seats held, the licences they come from (read as ../engine-repo.ts reads them, through the licence repo), the queue. */
export class PgSeatRows {
  private readonly licences: PgLicenceRepo;

  constructor(private readonly q: Queryable) {
    this.licences = new PgLicenceRepo(q);
  }

  /** Every row of `all`, or of `some` for the products given; none for an empty list. */
  private filtered<R extends object>(all: Stmt, some: Stmt, productIds: readonly string[] | undefined): Promise<R[]> {
    if (productIds === undefined) return rows<R>(this.q, all);
    if (productIds.length === 0) return Promise.resolve([]);
    return rows<R>(this.q, some, [productIds]);
  }

  async demands(productIds?: readonly string[]): Promise<StoredDemand[]> {
    return (await this.filtered<DemandRow>(S.demands, S.demandsOf, productIds)).map(toDemand);
  }

  async demandsOf(agentId: string): Promise<StoredDemand[]> {
    return (await rows<DemandRow>(this.q, S.demandsOfAgent, [agentId])).map(toDemand);
  }

  async held(productIds?: readonly string[]): Promise<Map<string, number>> {
    const found = await this.filtered<{ agent_id: string; product_id: string; licence_id: number }>(S.held, S.heldOf, productIds);
    return new Map(found.map((r) => [keyOf(r.agent_id, r.product_id), r.licence_id]));
  }

  /** Only seats that moved are written: a fleet-wide re-judge mostly confirms who holds what. */
  async saveSeats(held: ReadonlyMap<string, number>, seats: ReadonlyMap<string, number>, since: string): Promise<void> {
    const freed = [...held.keys()].filter((key) => !seats.has(key)).map((key) => key.split('\u0000'));
    const taken = [...seats].filter(([key, licenceId]) => held.get(key) !== licenceId).map(([key, licenceId]) => [...key.split('\u0000'), licenceId] as const);
    if (freed.length === 0 && taken.length === 0) return;
    await run(this.q, S.saveSeats, [freed.map((k) => k[0]), freed.map((k) => k[1]), taken.map((k) => k[0]), taken.map((k) => k[1]), taken.map((k) => k[2]), since]);
  }

  async saveOutcomes(changes: readonly OutcomeChange[]): Promise<void> {
    await inBatches(changes, (part) =>
      run(this.q, S.saveOutcomes, [part.map((c) => c.agentId), part.map((c) => c.productId), part.map((c) => JSON.stringify(c.outcome))]),
    );
  }

  /** Whether the machine was first seen strictly after every other: it then comes last in every queue. */
  async lastInQueue(agentId: string): Promise<boolean> {
    const [top, next] = await rows<{ id: string; first_seen: string }>(this.q, S.latest);
    if (top?.id !== agentId) return false;
    return next === undefined || next.first_seen < top.first_seen;
  }

  async seatsInUse(productId: string): Promise<Map<number, number>> {
    return new Map((await rows<{ licence_id: number; n: number }>(this.q, S.used, [productId])).map((r) => [r.licence_id, r.n]));
  }

  async waiting(productId: string, licenceId: number): Promise<number> {
    return (await row<{ n: number }>(this.q, S.waiting, [productId, String(licenceId)]))?.n ?? 0;
  }

  async seatLicences(): Promise<SeatLicence[]> {
    return (await this.licences.all()).map(toSeatLicence);
  }

  /** The hosts of KMS licences alone: what seatLicences() would give, without reading every licence whole. */
  async licensedKmsHosts(): Promise<string[]> {
    return (await rows<{ kms_hosts_json: string }>(this.q, S.kmsHosts)).flatMap((r) => JSON.parse(r.kms_hosts_json) as string[]);
  }
}
