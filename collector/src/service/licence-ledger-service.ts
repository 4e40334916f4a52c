import type { LicenceView } from '../schema/licences.js';
import type { LicenceRecord } from '../store/registry-types.js';
import { assertAdmin, type Caller } from './access.js';
import type { CsvLang } from './licence-csv-columns.js';
import { licencesCsv, readLicencesCsv } from './licence-csv.js';
import { unitsInScope, viewOf } from './licence-service.js';
import { assertUnitExists, insertLicence } from './licence-write.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';
import type { RejudgeSummary } from './rejudge-types.js';

/** The whole ledger in and out as CSV (软件资产台账), within what the caller may read. */

/** Every licence the caller may read, one row each, as UTF-8 CSV with a BOM. */
export async function exportLicences(deps: RegistryDeps, who: Caller, lang: CsvLang): Promise<string> {
  const unitIds = await unitsInScope(deps, who);
  const { licences } = await deps.store.read.licences.list({
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
    ...(unitIds === undefined ? {} : { unitIds }),
  });
  const catalog = await deps.catalog();
  const views: LicenceView[] = licences.map((r) => viewOf(r, catalog));
  return licencesCsv(views, lang, catalog);
}

export interface ImportResult {
  created: number;
  licences: number[];
  rejudged: RejudgeSummary;
}

/** Loads a ledger: every row is checked first, then all are created in one transaction. */
export async function importLicences(deps: RegistryDeps, who: Caller, csv: string): Promise<ImportResult> {
  assertAdmin(who);
  const catalog = await deps.catalog();
  const units = await deps.store.read.units.records();
  const inputs = readLicencesCsv(csv, { catalog, units });
  const w = writeBy(deps, who);
  const records = await deps.store.transaction(async (tx) => {
    for (const unitId of new Set(inputs.map((i) => i.unitId))) await assertUnitExists(tx, unitId, 'unitId');
    const created: LicenceRecord[] = [];
    for (const input of inputs) created.push(await insertLicence(tx, input, w, 'import'));
    await tx.meta.bump('registry', `${created.length} licences imported`);
    return created;
  });
  const rejudged = await deps.rejudge({
    trigger: 'licence',
    detail: `${records.length} licences imported by ${actorOf(who)}`,
    products: [...new Set(records.map((r) => r.productId))],
  });
  return { created: records.length, licences: records.map((r) => r.id), rejudged };
}
