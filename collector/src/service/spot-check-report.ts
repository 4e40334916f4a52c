import { registerReport } from '../reports/spotcheck-register.js';
import { summaryReport } from '../reports/spotcheck-summary.js';
import type { ReportLang, ReportTable } from '../schema/reports.js';
import type { SpotCheckView } from '../schema/spot-checks.js';
import type { Caller } from './access.js';
import { NotFoundError } from './errors.js';
import type { SpotCheckDeps } from './spot-check-create.js';
import { getSpotCheck, latestSpotCheck } from './spot-check-service.js';

/**
 * The spot check forms (抽查登记表 and the office's summary), made from the same views the
 * API answers with, so a form and the page show the same figures.
 */
export interface SpotCheckReportQuery {
  name: 'spotcheck-register' | 'spotcheck-summary';
  /** A spot check's id; default the unit's latest (the register) or each unit's latest (the summary). */
  spotCheck?: number;
  /** The report's unit and its subtree, as makeReport chose them; `named`: the caller named it. */
  root: { id: number; name: string; named: boolean };
  unitIds: readonly number[];
  lang: ReportLang;
  generatedAt: string;
}

async function latestOf(d: SpotCheckDeps, who: Caller, unitIds: readonly number[], what: string): Promise<SpotCheckView> {
  const id = await latestSpotCheck(d, unitIds);
  if (id === undefined) throw new NotFoundError(`a spot check of ${what} (draw one with spotcheck create, or give its id)`);
  return getSpotCheck(d, who, id);
}

export async function spotCheckReport(d: SpotCheckDeps, who: Caller, q: SpotCheckReportQuery): Promise<ReportTable> {
  const common = { generatedAt: q.generatedAt, lang: q.lang };
  if (q.name === 'spotcheck-register') {
    // A named unit's own latest; otherwise the latest anywhere in the caller's tree.
    const view = q.spotCheck !== undefined ? await getSpotCheck(d, who, q.spotCheck) : await latestOf(d, who, q.root.named ? [q.root.id] : q.unitIds, `unit ${q.root.name}`);
    return registerReport({ view, ...common });
  }
  if (q.spotCheck !== undefined) {
    const view = await getSpotCheck(d, who, q.spotCheck);
    return summaryReport({ unit: view.unit, spotChecks: [view], latest: false, asOf: view.createdAt, ...common });
  }
  const views: SpotCheckView[] = [];
  for (const unitId of q.unitIds) {
    const id = await latestSpotCheck(d, [unitId]);
    if (id !== undefined) views.push(await getSpotCheck(d, who, id));
  }
  return summaryReport({ unit: q.root.name, spotChecks: views, latest: true, asOf: q.generatedAt, ...common });
}
