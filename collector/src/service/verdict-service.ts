import type { CompiledCatalog } from '../catalog/types.js';
import type { SoftwareChange, VerdictRecord } from '../schema/history.js';
import type { ReviewItem } from '../schema/lists.js';
import { compileLists } from '../classify/lists.js';
import { recogniseSubject } from './catalog-check.js';
import { scopeUnit, visibleUnits, type Caller } from './access.js';
import { NotFoundError } from './errors.js';
import type { RegistryDeps } from './registry-deps.js';

/** Updates, runtimes and drivers: installed by the system or other software, not by choice. */
const NOT_FOR_REVIEW = /\b(update|hotfix|security update|redistributable|runtime|driver|KB\d{6,})\b|^microsoft \.net|^microsoft visual c\+\+/i;

/**
 * Office suites and antivirus appear in Programs and Features too; the catalog knows
 * them from their own lists, so an entry it recognises as one is not for review.
 */
function knownToCatalog(catalog: CompiledCatalog, c: { name: string; publisher: string | null }): boolean {
  const subject = { name: c.name, ...(c.publisher ? { publisher: c.publisher } : {}) };
  return (['software', 'office', 'antivirus'] as const).some((on) => recogniseSubject(catalog, { on, ...subject }) !== undefined);
}

/** A machine's verdict history or software changes; a machine outside a viewer's unit is answered as missing. */
export async function machineHistory(deps: RegistryDeps, who: Caller, id: string, kind: 'verdicts', limit: number): Promise<VerdictRecord[]>;
export async function machineHistory(deps: RegistryDeps, who: Caller, id: string, kind: 'changes', limit: number): Promise<SoftwareChange[]>;
export async function machineHistory(deps: RegistryDeps, who: Caller, id: string, kind: 'verdicts' | 'changes', limit: number) {
  const scopeUnitId = scopeUnit(who);
  const machine = await deps.store.read.machines.get(id, { ...(scopeUnitId === undefined ? {} : { scopeUnitId }), staleBefore: '' });
  if (!machine) throw new NotFoundError(`machine ${id}`);
  return kind === 'verdicts' ? deps.store.read.verdictHistory.list(id, limit) : deps.store.read.softwareChanges.list(id, limit);
}

/**
 * Software no catalog product recognises and no list entry accounts for, most widespread
 * first: what an admin should look at and then allow, deny, or add to the catalog.
 */
export async function reviewList(deps: RegistryDeps, who: Caller, limit: number, offset: number): Promise<{ items: ReviewItem[]; total: number }> {
  const units = await visibleUnits(deps.store, who);
  const catalog = await deps.catalog();
  const entries = await deps.store.read.lists.list(units === undefined ? {} : { unitIds: units });
  const lists = compileLists(entries);
  const everywhere = [...new Set(entries.flatMap((e) => (e.unitId === null ? [] : [e.unitId])))];
  const items = (await deps.store.read.reviews.candidates(units)).filter((c) => {
    const item = { name: c.name, ...(c.publisher ? { publisher: c.publisher } : {}) };
    return !NOT_FOR_REVIEW.test(c.name) && !knownToCatalog(catalog, c) && !lists.listed(item, everywhere);
  });
  return { items: items.slice(offset, offset + limit), total: items.length };
}
