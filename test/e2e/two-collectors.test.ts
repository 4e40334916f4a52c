import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { generateKeyPair, signBytes, type KeyPairPem, type Snapshot } from '@zhengban/shared';
import { winPro } from '../../collector/test/engine/engine-helper.js';
import { windowsPro } from '../../collector/test/licences/licence-helper.js';
import { freshPgDatabase, pgSkipReason, type PgDatabase } from '../../collector/test/support/pg.js';
import { collectorBin, lastLine, runCli, startCollector, type RunningCollector } from './processes.js';

const MACHINES = 24;
const SEQS = 4;
const SEATS = 10;

interface Agent {
  agentId: string;
  keys: KeyPairPem;
}

/** Requests the killed collector never answered, sent on to the other. */
let failedOver = 0;

/** What a load balancer does when an upstream dies mid-request: the agent's request goes to the next one. */
async function send(targets: RunningCollector[], agent: Agent, body: Buffer): Promise<number> {
  const signature = signBytes(body, agent.keys.privateKeyPem);
  let last: unknown;
  for (const c of targets) {
    try {
      const res = await fetch(`${c.url}/api/v1/snapshots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zhengban-agent': agent.agentId, 'x-zhengban-signature': signature },
        body,
      });
      return res.status;
    } catch (err) {
      last = err;
      failedOver++;
    }
  }
  throw new Error(`no collector answered: ${(last as Error).message}`);
}

describe.skipIf(pgSkipReason)('two collectors on one PostgreSQL, one killed in the middle of the load', () => {
  let db: PgDatabase;
  let a: RunningCollector;
  let b: RunningCollector;
  beforeAll(async () => {
    db = await freshPgDatabase();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('stores every acknowledged snapshot once, duplicates none, and gives the seats one collector would', async () => {
    const token = lastLine(runCli(collectorBin, ['enrollment', 'create', '--db', db.url, '--unit', '财政局', '--max-uses', String(MACHINES)]).stdout);
    const admin = lastLine(runCli(collectorBin, ['token', 'create', '--db', db.url, '--role', 'admin']).stdout);
    [a, b] = await Promise.all([startCollector(db.url), startCollector(db.url)]);
    const both = [a, b];

    // Enrolled half through each collector.
    const agents: Agent[] = [];
    for (let i = 0; i < MACHINES; i++) {
      const keys = generateKeyPair();
      const res = await fetch(`${both[i % 2]!.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, publicKey: keys.publicKeyPem, hostname: `czj-${String(i).padStart(2, '0')}` }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      agents.push({ agentId: ((await res.json()) as { agentId: string }).agentId, keys });
    }
    const unitId = (await (await fetch(`${a.url}/api/v1/units`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { units: { id: number; name: string }[] };
    const licence = await fetch(`${b.url}/api/v1/licences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(windowsPro(unitId.units.find((u) => u.name === '财政局')!.id, { seats: SEATS, validFrom: null })),
    });
    expect(licence.status, await licence.clone().text()).toBe(201);

    const bodies = agents.map((agent) =>
      Array.from({ length: SEQS }, (_, s) => {
        const snapshot: Snapshot = { ...winPro(), agentId: agent.agentId, seq: s + 1, snapshotId: crypto.randomUUID(), collectedAt: new Date().toISOString() };
        return Buffer.from(JSON.stringify(snapshot));
      }),
    );
    const acknowledged = new Set<string>();
    const replayed: string[] = [];
    let sent = 0;
    // Each machine reports its seqs in order; one of every three snapshots goes to both
    // collectors at once (a retry that crossed the first answer). Collector A is killed
    // once a third of the snapshots are sent; a request it never answers goes to B.
    await Promise.all(
      agents.map(async (agent, i) => {
        for (let s = 0; s < SEQS; s++) {
          const body = bodies[i]![s]!;
          const first = (i + s) % 2 === 0 ? [a, b] : [b, a];
          const statuses = await Promise.all(s % 3 === 0 ? [send(first, agent, body), send([first[1]!, first[0]!], agent, body)] : [send(first, agent, body)]);
          if (++sent === Math.floor((MACHINES * SEQS) / 3)) void a.kill();
          const id = (JSON.parse(body.toString()) as Snapshot).snapshotId;
          if (statuses.some((st) => st === 202 || st === 200)) acknowledged.add(id);
          for (const st of statuses) if (st !== 202 && st !== 200) replayed.push(`${id}: ${st}`);
        }
      }),
    );
    // The kill happened with load in flight: requests to A failed and went on to B.
    expect(failedOver).toBeGreaterThan(0);
    // A copy that lost the race to its twin is answered as a duplicate (200), never refused.
    expect(replayed).toEqual([]);
    expect(acknowledged.size).toBe(MACHINES * SEQS);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const stored = await client.query<{ snapshot_id: string }>('SELECT snapshot_id FROM snapshots');
      expect(stored.rows.length).toBe(MACHINES * SEQS);
      expect(new Set(stored.rows.map((r) => r.snapshot_id))).toEqual(acknowledged);
      const seqs = await client.query<{ last_seq: number; n: number }>('SELECT last_seq::int AS last_seq, count(*)::int AS n FROM agents GROUP BY last_seq');
      expect(seqs.rows).toEqual([{ last_seq: SEQS, n: MACHINES }]);
      // One verdict for each snapshot judged, and none for a copy answered as a duplicate.
      const verdicts = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM verdicts WHERE trigger = 'snapshot'");
      expect(verdicts.rows[0]!.n).toBeLessThanOrEqual(MACHINES * SEQS);

      // The seats: the first SEATS machines by first sight hold one each; the others wait, in that order.
      const outcomes = await client.query<{ agent_id: string; outcome: { kind: string; licenceId?: number; position?: number } }>(
        `SELECT i.agent_id, i.outcome_json::jsonb AS outcome FROM machine_installs i JOIN agents a ON a.id = i.agent_id
          WHERE i.product_id = 'windows' ORDER BY a.first_seen COLLATE "C", a.id COLLATE "C"`,
      );
      expect(outcomes.rows).toHaveLength(MACHINES);
      expect(outcomes.rows.map((r) => r.outcome.kind)).toEqual([...Array(SEATS).fill('covered'), ...Array(MACHINES - SEATS).fill('over-allocated')]);
      expect(outcomes.rows.slice(SEATS).map((r) => r.outcome.position)).toEqual(Array.from({ length: MACHINES - SEATS }, (_, k) => k + 1));
      const used = await client.query<{ used: number }>('SELECT used::int AS used FROM licence_seats_used');
      expect(used.rows).toEqual([{ used: SEATS }]);
      expect((await client.query('SELECT 1 FROM seat_allocations')).rowCount).toBe(SEATS);
    } finally {
      await client.end();
    }
  });
});
