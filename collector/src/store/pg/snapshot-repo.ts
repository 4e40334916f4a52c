import type { IngestResponse } from '@zhengban/shared';
import type { Async } from '../async.js';
import { responseJson, type SnapshotRepo } from '../snapshot-repo.js';
import { storedVerdict, type StoredVerdictRow } from '../verdict-findings.js';
import { row, run, stmt, type Queryable } from './query.js';
import { STORED_VERDICT } from './verdict-findings.js';

/** As ../snapshot-repo.ts reads response_json: since migration 13 it names the verdict, before it held it whole. */
type StoredResponse = Omit<IngestResponse, 'verdict'> & ({ verdictId: number } | { verdict: IngestResponse['verdict'] });

const INSERT = stmt(
  'snapshots.insert',
  `INSERT INTO snapshots (snapshot_id, agent_id, seq, collected_at, received_at, payload, payload_gz, signature, response_json)
   VALUES ($1, $2, $3, $4, $5, '', $6, $7, $8)`,
);
const OWNER = stmt('snapshots.find', 'SELECT agent_id, response_json FROM snapshots WHERE snapshot_id = $1');
const RESPONSE = stmt('snapshots.setResponse', 'UPDATE snapshots SET response_json = $2 WHERE snapshot_id = $1');

/*
 * Retention walks the table in its physical order, by ctid, where SQLite walks rowids
 * (arrival order): PostgreSQL has no rowid, and a ctid range is read by a TID range scan
 * without an index. A tuple's ctid is a (block, line) pair; the cursor is it as one
 * number, block × 2^16 + line (a line is below 2^16). Unlike rowids, ctids are not in
 * arrival order (a new snapshot may fill space freed in an early block), so the
 * prune states the age itself rather than inferring it from the range; and a tuple an
 * update moves behind the cursor is left to the next pass. A pruned snapshot's new
 * version lies ahead of the cursor as often as not, so a slice counts only snapshots not
 * pruned yet (SQLite's counts both; each pass prunes the same ones).
 */
const LINES = 65_536;
/**
 * How many blocks a slice looks through: a block per 8 of the span. A block holds more
 * snapshots than that (a gzipped payload past 2 kB is stored out of line), so a window
 * usually fills a slice, and the sort of its ctids stays small.
 */
const blocksFor = (span: number) => Math.max(1, Math.ceil(span / 8));

const BLOCKS = stmt('snapshots.blocks', `SELECT pg_relation_size('snapshots') / current_setting('block_size')::bigint AS blocks`);
const SLICE_END = stmt(
  'snapshots.sliceEnd',
  `SELECT max(ctid)::text AS upto, count(*)::int AS n FROM
     (SELECT ctid FROM snapshots WHERE ctid > $1::tid AND ctid < $2::tid AND received_at < $3 AND pruned_at IS NULL
      ORDER BY ctid LIMIT $4) s`,
);
// Kept whole: the machine's latest (seq below its last means a later one exists) and any a verdict names.
const PRUNE = stmt(
  'snapshots.prune',
  `UPDATE snapshots SET payload = '', payload_gz = NULL, signature = '', pruned_at = $4
   WHERE ctid > $1::tid AND ctid <= $2::tid AND received_at < $3 AND pruned_at IS NULL
     AND seq < (SELECT a.last_seq FROM agents a WHERE a.id = snapshots.agent_id)
     AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.snapshot_id = snapshots.snapshot_id)`,
);

const tid = (n: number) => `(${Math.floor(n / LINES)},${n % LINES})`;

function tidNumber(text: string): number {
  const m = /^\((\d+),(\d+)\)$/.exec(text);
  if (!m) throw new Error(`snapshots: unexpected ctid ${text}`);
  return Number(m[1]) * LINES + Number(m[2]);
}

/** `snapshots` on PostgreSQL: see ../snapshot-repo.ts. */
export class PgSnapshotRepo implements Async<SnapshotRepo> {
  constructor(private readonly q: Queryable) {}

  /**
   * As SQLite's: the next `span` snapshots received before `before` and not pruned yet,
   * after the cursor `after` (0 to begin), lose their signed text unless something points
   * at them; the answer says how many did and where the next slice starts, or null when
   * none that old is left. A slice looks no further than a window of blocks, so that each
   * stays short however much of the table holds nothing to prune.
   */
  async pruneSlice(after: number, before: string, span: number, at: string): Promise<{ pruned: number; next: number | null }> {
    const { blocks } = (await row<{ blocks: number }>(this.q, BLOCKS))!;
    const first = Math.floor(after / LINES);
    if (first >= blocks) return { pruned: 0, next: null };
    const last = first + blocksFor(span);
    const found = (await row<{ upto: string | null; n: number }>(this.q, SLICE_END, [tid(after), tid(last * LINES), before, span]))!;
    if (found.n === 0) return { pruned: 0, next: last >= blocks ? null : last * LINES };
    // A full slice ends at its last snapshot; a short one has taken all the window holds.
    const upto = found.n === span ? tidNumber(found.upto!) : last * LINES;
    return { pruned: await run(this.q, PRUNE, [tid(after), tid(upto), before, at]), next: upto };
  }

  async insert(p: Parameters<SnapshotRepo['insert']>[0]): Promise<void> {
    await run(this.q, INSERT, [p.snapshotId, p.agentId, p.seq, p.collectedAt, p.receivedAt, p.payloadGz, p.signature, p.responseJson]);
  }

  async setResponse(snapshotId: string, response: Omit<IngestResponse, 'verdict'>, verdictId: number): Promise<void> {
    await run(this.q, RESPONSE, [snapshotId, responseJson(response, verdictId)]);
  }

  async find(snapshotId: string): Promise<{ agentId: string; response: IngestResponse } | undefined> {
    const r = await row<{ agent_id: string; response_json: string }>(this.q, OWNER, [snapshotId]);
    if (!r) return undefined;
    const stored = JSON.parse(r.response_json) as StoredResponse;
    if ('verdict' in stored) return { agentId: r.agent_id, response: stored };
    const { verdictId, ...rest } = stored;
    const verdict = await row<StoredVerdictRow & Record<string, unknown>>(this.q, STORED_VERDICT, [verdictId]);
    if (!verdict) throw new Error(`snapshot ${snapshotId} names verdict ${verdictId}, which is gone`);
    return { agentId: r.agent_id, response: { ...rest, verdict: storedVerdict(verdict) } };
  }
}
