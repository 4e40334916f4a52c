// The shapes of what the pages read, in one place: the Static types of the API's own
// TypeBox schemas, imported type-only so no TypeBox code reaches the bundle. Only what
// a route declares inline (a query, a small answer) is written out here.
export type { Finding, FindingCode, Category, MachineList, MachineStatus, MachineSummary, SoftwareItem, Verdict } from '@zhengban/shared';
export type { MachineDetail, MachinePatch } from '@collector/schema/machine-detail.js';
export type { ReportColumn, ReportFormat, ReportName, ReportPart, ReportRow, ReportTable } from '@collector/schema/reports.js';
export type { MachineMove, MoveInput, Person, PersonInput, PersonPatch, PersonRole, UnitInput, UnitKind, UnitList, UnitPatch, UnitSector, UnitView } from '@collector/schema/units.js';
export type { DisposalKind, LicenceEventInput, LicenceEventKind, LicenceInput, LicenceList, LicenceModel, LicencePatch, LicenceView } from '@collector/schema/licences.js';
export type { ListEntry, ListEntryInput, ListKind, ReviewItem } from '@collector/schema/lists.js';
export type { CatalogProductView, CatalogView } from '@collector/schema/catalog.js';
export type { SoftwareChange, VerdictRecord } from '@collector/schema/history.js';
export type { Overview, OverviewUnit as UnitFigures, Rates, Reason, Trend, TrendPoint } from '@collector/schema/dashboard.js';
export type { Session } from '@collector/schema/session.js';
export type { RecheckComparison, SpotCheckList, SpotCheckMachine, SpotCheckSummary, SpotCheckView } from '@collector/schema/spot-checks.js';
export type { Grade } from '@collector/schema/grading.js';

import type { Static } from 'typebox';
import type { AuditList, SoftwareChanges, VerdictHistory } from '@collector/schema/history.js';
import type { RejudgeSummary as RejudgeSummarySchema } from '@collector/schema/common.js';
import type { LicenceWriteResult } from '@collector/schema/licences.js';
import type { ListEntries, ListWriteResult, ReviewList } from '@collector/schema/lists.js';
import type { Person, UnitWriteResult } from '@collector/schema/units.js';
import type { SoftwareItem } from '@zhengban/shared';

export type AuditListBody = Static<typeof AuditList>;
export type AuditEntry = AuditListBody['entries'][number];
export type VerdictHistoryBody = Static<typeof VerdictHistory>;
export type SoftwareChangesBody = Static<typeof SoftwareChanges>;
export type ListEntriesBody = Static<typeof ListEntries>;
export type ReviewListBody = Static<typeof ReviewList>;

/** What a write re-judged: machines looked at again, verdicts changed. */
export type RejudgeSummary = Static<typeof RejudgeSummarySchema>;
export type UnitWrite = Static<typeof UnitWriteResult>;
export type LicenceWrite = Static<typeof LicenceWriteResult>;
export type ListWrite = Static<typeof ListWriteResult>;

/** The routes' inline answers (unit-routes.ts, licence-event-routes.ts), as far as the pages read them. */
export interface PersonWrite {
  person: Person;
}
export interface PeopleBody {
  people: Person[];
}
export interface LicenceEventWrite {
  rejudged: RejudgeSummary;
}

export interface SoftwareBody {
  software: SoftwareItem[];
}

/** GET /machines's query, as the collector's machine service takes it (`stale`: 未上报, whatever the verdict). */
export type { MachineQuery as MachineFilter } from '@collector/service/machine-service.js';
export type { MachineSort } from '@collector/store/types.js';
