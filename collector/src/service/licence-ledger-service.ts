import type { LicenceView } from '../schema/licences.js';
import { assertAdmin, type Caller, unwrap } from './access.js';
import type { CsvLang } from './licence-csv-columns.js';
import { licencesCsv, readLicencesCsv } from './licence-csv.js';
import { unitsInScope, viewOf } from './licence-service.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';
import type { RejudgeSummary } from './rejudge-types.js';

/** The whole ledger in and out as CSV (软件资产台账), within what the caller may read. */

/** Every licence the caller may read, one row each, as UTF-8 CSV with a BOM. */
export async function exportLicences(deps: RegistryDeps, who: Caller, lang: CsvLang): Promise<string> {
  const unitIds = await unitsInScope(deps, who);
  const { licences } = await deps.store.licences.list({
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
  const units = await deps.store.org.listUnits();
  const inputs = readLicencesCsv(csv, { catalog, units });
  const records = unwrap(await deps.store.licences.createMany(inputs, writeBy(deps, who)));
  const rejudged = await deps.rejudge({
    trigger: 'licence',
    detail: `${records.length} licences imported by ${actorOf(who)}`,
    products: [...new Set(records.map((r) => r.productId))],
  });
  return { created: records.length, licences: records.map((r) => r.id), rejudged };
}
