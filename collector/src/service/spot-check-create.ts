import { randomBytes } from 'node:crypto';
import type { GradingRules } from '../schema/grading.js';
import type { MachineKind, SpotCheckCreate, Stratum } from '../schema/spot-checks.js';
import { KIND_ORDER, drawSample, type DrawnStratum } from '../spotcheck/draw.js';
import { freezeMachine, machineKind } from '../spotcheck/freeze.js';
import { DEFAULT_GRADING, gradingProblems } from '../spotcheck/grading.js';
import type { PopulationRow, SpotCheckRow } from '../store/spot-check-types.js';
import type { StoreTx } from '../store/tx-types.js';
import type { Store } from '../store/store.js';
import { assertAdmin, type Caller } from './access.js';
import { NotFoundError } from './errors.js';
import { actorOf } from './registry-deps.js';
import { GradingRulesError, NoMachinesError, RecheckError } from './spot-check-errors.js';

export interface SpotCheckDeps {
  store: Store;
  now: () => Date;
  /** A machine not heard from for this long is not reporting (frozen as `stale`). */
  staleAfterMs: number;
}

type Member = PopulationRow & { kind: MachineKind };

/** The rule set to grade with: the one given, checked, or the default. */
export function checkedGrading(rules: GradingRules | undefined): GradingRules {
  if (rules === undefined) return DEFAULT_GRADING;
  const problems = gradingProblems(rules);
  if (problems.length > 0) throw new GradingRulesError(problems);
  return rules;
}

/**
 * The machines a re-check takes: the first's machines the collector knows, those still in
 * the unit's subtree. The same machines, not a new draw, because a re-check asks whether
 * what was found was put right ("限期纠正"), which only the same PCs can answer; the
 * first's PCs that were gone or unknown to the collector are listed as gone.
 */
async function recheckSample(tx: StoreTx, first: SpotCheckRow, population: readonly Member[]): Promise<Member[]> {
  const present = new Map(population.map((m) => [m.id, m]));
  return (await tx.spotChecks.entries(first.id)).flatMap((e) => (e.agentId !== null && present.has(e.agentId) ? [present.get(e.agentId)!] : []));
}

function strataOf(population: readonly Member[], sample: readonly Member[]): DrawnStratum[] {
  const key = (m: Member) => `${m.unitId}/${m.kind}`;
  const out = new Map<string, DrawnStratum>();
  for (const m of population) {
    const s = out.get(key(m)) ?? { unitId: m.unitId, kind: m.kind, population: 0, drawn: 0 };
    s.population++;
    out.set(key(m), s);
  }
  for (const m of sample) out.get(key(m))!.drawn++;
  return [...out.values()];
}

/** Numbered as the form lists them: by department, machine type, then host name. */
function numbered(sample: readonly Member[], names: ReadonlyMap<number, string>): Member[] {
  const name = (m: Member) => names.get(m.unitId) ?? '';
  return [...sample].sort((a, b) => name(a).localeCompare(name(b), 'zh') || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.hostname.localeCompare(b.hostname) || (a.id < b.id ? -1 : 1));
}

/**
 * Draws a spot check of a unit's subtree and freezes each sampled machine's verdict and
 * evidence, all in one write transaction, so the sample and what it froze are of one
 * moment. Returns its id and seed.
 */
export async function createSpotCheck(d: SpotCheckDeps, who: Caller, input: SpotCheckCreate): Promise<{ id: number; seed: string }> {
  assertAdmin(who);
  if (input.recheckOf !== undefined && (input.ratio !== undefined || input.min !== undefined || input.seed !== undefined)) {
    throw new RecheckError(`a re-check takes the machines of spot check #${input.recheckOf} again: give no ratio, min or seed`);
  }
  if (input.recheckOf === undefined && input.ratio === undefined) throw new RecheckError('give the share of machines to draw (ratio, e.g. 10%), or the spot check to re-check');
  const grading = checkedGrading(input.grading);
  const units = await d.store.read.units.records();
  const unit = units.find((u) => u.name === input.unit);
  if (!unit) throw new NotFoundError(`unit "${input.unit}"`);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const now = d.now();
  const at = now.toISOString();
  const staleBefore = new Date(now.getTime() - d.staleAfterMs).toISOString();

  return d.store.transaction(async (tx) => {
    const rows = await tx.spotChecks.population(await tx.units.subtreeIds(unit.id));
    const population: Member[] = rows.map((r) => ({ ...r, kind: machineKind(r.chassis) }));
    if (population.length === 0) throw new NoMachinesError(unit.name);
    let params: { ratio: number; min: number; seed: string };
    let sample: Member[];
    let strata: DrawnStratum[];
    if (input.recheckOf !== undefined) {
      const first = await tx.spotChecks.getForUpdate(input.recheckOf);
      if (!first) throw new NotFoundError(`spot check #${input.recheckOf}`);
      if (first.unitId !== unit.id) throw new RecheckError(`spot check #${first.id} is of unit ${first.unit}, not ${unit.name}: a re-check is of the same unit`);
      params = { ratio: first.ratio, min: first.min, seed: first.seed };
      sample = await recheckSample(tx, first, population);
      strata = strataOf(population, sample);
    } else {
      params = { ratio: input.ratio!, min: input.min ?? 0, seed: input.seed ?? randomBytes(4).toString('hex') };
      const draw = drawSample({ population, ...params });
      sample = draw.sample;
      strata = draw.strata;
    }
    const id = await tx.spotChecks.insert({
      unitId: unit.id, createdAt: at, createdBy: actorOf(who), ...params, population: population.length,
      strataJson: JSON.stringify(strata.map((s): Stratum => ({ ...s, unit: names.get(s.unitId) ?? '' }))),
      gradingJson: JSON.stringify(grading), recheckOf: input.recheckOf ?? null,
    });
    for (const [i, m] of numbered(sample, names).entries()) {
      const { facts, verdict } = await tx.spotChecks.evidence(m.id);
      const frozen = freezeMachine({ lastSeen: m.lastSeen, user: m.user, assetNumber: m.assetNumber, facts, verdict, staleBefore });
      await tx.spotChecks.addEntry(id, {
        no: i + 1, origin: 'drawn', agentId: m.id, unitId: m.unitId, kind: m.kind, hostname: m.hostname,
        hardwareUuid: m.hardwareUuid, serial: m.serial, machineId: m.machineId, frozenJson: JSON.stringify(frozen), frozenAt: at,
      });
    }
    await tx.audit.record({
      at, actor: actorOf(who), action: 'spot-check.create', target: `spot check #${id}`,
      detail: { unit: unit.name, ...params, population: population.length, sampled: sample.length, recheckOf: input.recheckOf ?? null },
    });
    return { id, seed: params.seed };
  });
}
