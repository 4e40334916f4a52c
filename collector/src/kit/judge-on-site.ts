import type { KitFile, Snapshot, Verdict } from '@zhengban/shared';
import { Value } from 'typebox/value';
import { compileCatalog } from '../catalog/compile.js';
import type { CompiledCatalog } from '../catalog/types.js';
import { classifyMachine, RULES_VERSION, type JudgedSnapshot } from '../classify/index.js';
import { compileLists, type CompiledLists } from '../classify/lists.js';
import { KitDataError, KitRulesError } from './errors.js';
import { KitJudging } from './kit-schema.js';

interface Prepared {
  judging: KitJudging;
  catalog: CompiledCatalog;
  lists: CompiledLists;
}

// One kit judges one PC per run, but tests and an import judge many with the same kit.
const prepared = new WeakMap<KitFile, Prepared>();

/** Checks the kit's judging data and compiles its patterns, once per kit object. */
export function prepareKit(kit: KitFile): Prepared {
  const known = prepared.get(kit);
  if (known) return known;
  if (kit.rulesVersion !== RULES_VERSION) throw new KitRulesError(kit.rulesVersion, RULES_VERSION);
  if (!Value.Check(KitJudging, kit.judging)) {
    const first = [...Value.Errors(KitJudging, kit.judging)].slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new KitDataError(`kit.json's judging data is not valid: ${first.join('; ')}`);
  }
  const judging = kit.judging as KitJudging;
  let p: Prepared;
  try {
    p = { judging, catalog: compileCatalog(judging.products, kit.catalogVersion), lists: compileLists(judging.lists) };
  } catch (err) {
    throw new KitDataError(`kit.json's catalog or lists cannot be compiled: ${(err as Error).message}`, err);
  }
  prepared.set(kit, p);
  return p;
}

/** What judging needs compiled: the catalog and the lists (a collector has its catalog compiled already). */
export type Compiled = Pick<Prepared, 'catalog' | 'lists'>;

/** The classify call the kit and an import's judging-again share. */
export function judgeWith(snapshot: JudgedSnapshot, judging: KitJudging, compiled: Compiled, unit: string | null, now: Date): Verdict {
  return classifyMachine(snapshot, {
    now,
    policy: { trustedKmsHosts: [...judging.trustedKmsHosts] },
    catalog: compiled.catalog,
    lists: compiled.lists,
    licences: judging.licences,
    unitAncestry: judging.unitAncestry,
    registryRevision: judging.registryRevision,
    ...(unit !== null ? { unit } : {}),
  });
}

/**
 * The verdict the collector would give this PC today as a machine of the kit's unit:
 * the same classify over the catalog, lists, KMS policy and licences the kit carries.
 * Seats are counted as if this PC were the unit's only machine (the kit cannot know who
 * holds the others); the sheet says so. Pure: `now` is the decision time.
 */
export function judgeOnSite(snapshot: Snapshot, kit: KitFile, now: Date): Verdict {
  const p = prepareKit(kit);
  return judgeWith(snapshot, p.judging, p, kit.unit, now);
}
