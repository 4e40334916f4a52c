import type { Verdict } from '@zhengban/shared';
import type { CompiledCatalog } from '../catalog/types.js';
import { allocate, chinaToday, demandKey, type SeatLicence } from './allocate.js';
import { assessMachine } from './assess.js';
import type { ClassifyPolicy } from './context.js';
import { judgeMachine } from './judge.js';
import type { JudgedSnapshot } from './judged-snapshot.js';
import { NO_LISTS, type CompiledLists } from './lists.js';

/** Bump when a rule or its wording changes, so a re-judged machine shows what decided. */
export const RULES_VERSION = '2026.12-2';

/** What decided a verdict: the rules, the catalog and the registry revision. */
export function rulesVersionOf(catalogVersion: string, registryRevision: number): string {
  return `${RULES_VERSION}; catalog ${catalogVersion}; registry r${registryRevision}`;
}

export interface ClassifyOptions {
  now: Date;
  policy: ClassifyPolicy;
  catalog: CompiledCatalog;
  /** The licences in force for this machine's unit (scoped to unit 1 unless `unitAncestry` says otherwise). */
  licences?: readonly SeatLicence[];
  lists?: CompiledLists;
  unitAncestry?: readonly number[];
  /** The machine's unit, named in a finding no licence covers, as in the collector's verdicts. */
  unit?: string;
  /** The registry revision the licences were read at, quoted in the rules version (default 0). */
  registryRevision?: number;
}

/**
 * Judges one machine on its own: assessment, seats from `licences` as if it were the
 * only machine, judgement. The collector judges fleets through the engine service; this
 * is for tests, tools and the inspector's kit (kit/judge-on-site.ts).
 */
export function classifyMachine(snapshot: JudgedSnapshot, o: ClassifyOptions): Verdict {
  const unitAncestry = o.unitAncestry ?? [1];
  const a = assessMachine(snapshot, { now: o.now, policy: o.policy, catalog: o.catalog, lists: o.lists ?? NO_LISTS, unitAncestry, installed: new Map() });
  const licences = o.licences ?? [];
  const demands = a.installs.map((i) => ({ agentId: 'this', productId: i.productId, edition: i.edition, release: i.release, kmsHost: i.kmsHost, unitId: unitAncestry[0]!, firstSeen: '' }));
  const { outcomes } = allocate({ demands, licences, held: new Map(), ancestry: () => unitAncestry, today: chinaToday(o.now) });
  const byProduct = new Map(a.installs.map((i) => [i.productId, outcomes.get(demandKey('this', i.productId))!]));
  const meta = { now: o.now, rulesVersion: rulesVersionOf(o.catalog.version, o.registryRevision ?? 0), ...(o.unit !== undefined ? { unit: o.unit } : {}) };
  return judgeMachine(a, byProduct, new Map(licences.map((l) => [l.id, l])), meta);
}

export { assessMachine, RULES } from './assess.js';
export type { JudgedSnapshot } from './judged-snapshot.js';
export { defaultPolicy, type AssessEnv, type ClassifyContext, type ClassifyPolicy } from './context.js';
export { categoryPasses, categoryResults, CATEGORY_ORDER } from './combine.js';
export type { Judgement, Rule } from './finding.js';
