// Loads the sample county into a collector database: registry first (as the campaign
// office enters its ledger), then two scans of the whole fleet a fortnight apart, with
// registry changes between them. Deterministic for a given seed and size.
import { openCollector } from './collector-client.mjs';
import { UNITS } from './county.mjs';
import { demandCounts, planFleet } from './fleet.mjs';
import { seededRandom } from './random.mjs';
import { createLedger, createLists, createUnits, recordEvents } from './registry.mjs';
import { labelsFor } from './labels.mjs';
import { identify, secondSoftware, snapshotOf } from './snapshot.mjs';
import { summarise } from './summary.mjs';

/** The campaign's calendar (UTC; 09:00 in China is 01:00Z). */
export const CALENDAR = {
  registry: new Date('2026-10-26T01:00:00Z'),
  firstScan: new Date('2026-11-02T01:00:00Z'),
  changes: new Date('2026-11-10T02:00:00Z'),
  secondScan: new Date('2026-11-19T10:00:00Z'),
  report: new Date('2026-11-20T01:00:00Z'),
};

/**
 * Runs the whole sample into `db`. Returns the plan (with each machine's agent id), the
 * registry ids and the summary. `log` receives progress lines.
 */
export async function loadSample({ db, machines = 300, seed = 'qingxi', log = () => {} }) {
  const rng = seededRandom(seed);
  const clock = { now: CALENDAR.registry };
  const plan = planFleet(machines, rng).map((m) => identify(m, rng));
  const demand = demandCounts(plan);
  const c = await openCollector(db, clock);
  try {
    const unitIds = await createUnits(c.api, rng);
    await createLists(c.api, unitIds);
    const licenceIds = await createLedger(c.api, unitIds, demand);
    await recordEvents(c.api, licenceIds, unitIds, demand, 'before');
    log(`registry: ${unitIds.size} units, ${licenceIds.size} licences`);

    const tokens = new Map();
    for (const u of UNITS) {
      const n = plan.filter((m) => m.unit === u.name).length;
      if (n > 0) tokens.set(u.name, await c.enrollmentToken(u.name, n));
    }
    // Spread each scan over a working day at most, so first-seen order is the plan's order.
    const step = Math.min(120_000, Math.floor(8 * 3_600_000 / plan.length));
    for (const [i, m] of plan.entries()) {
      clock.now = new Date(CALENDAR.firstScan.getTime() + i * step);
      m.agent = await c.enroll(tokens.get(m.unit), m.identity);
      m.firstVerdict = await c.report(m.agent, snapshotOf(m, 1, new Date(clock.now.getTime() - 30_000), rng));
    }
    log(`first scan: ${plan.length} machines`);
    const labels = labelsFor(plan, seed);
    for (const l of labels) await c.api('PATCH', `/machines/${l.machine.agent.agentId}`, { user: l.user, assetNumber: l.assetNumber });
    log(`labels: ${labels.length} machines given a user and an asset number`);

    clock.now = CALENDAR.changes;
    const events = await recordEvents(c.api, licenceIds, unitIds, demand, 'after');
    const moves = [];
    for (const m of plan.filter((x) => x.move)) {
      moves.push(await c.api('POST', `/machines/${m.agent.agentId}/move`, { unitId: unitIds.get(m.move), reason: '工作人员调动，电脑随人调拨 (the PC went with its user to a new post)' }));
    }
    log(`registry changes: ${events.map((e) => `${e.key} ${e.event.kind}${e.event.disposal ? `/${e.event.disposal}` : ''} (re-judged ${e.rejudged.machines}, changed ${e.rejudged.changed})`).join('; ')}; ${moves.length} move(s)`);

    for (const [i, m] of plan.entries()) {
      clock.now = new Date(CALENDAR.secondScan.getTime() + i * step);
      m.verdict = await c.report(m.agent, snapshotOf(m, 2, new Date(clock.now.getTime() - 30_000), rng, secondSoftware(m, rng)));
    }
    log(`second scan: ${plan.length} machines`);

    clock.now = CALENDAR.report;
    const summary = await summarise(c.api);
    return { plan, unitIds, licenceIds, events, moves, summary };
  } finally {
    await c.close();
  }
}
