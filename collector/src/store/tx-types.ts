import type { Async } from './async.js';
import type { AdminTokenRepo } from './admin-token-repo.js';
import type { AgentRepo } from './agent-repo.js';
import type { AuditRepo } from './audit-repo.js';
import type { CatalogEntryRepo } from './catalog-entry-repo.js';
import type { EngineTx } from './engine-types.js';
import type { EnrollmentRepo } from './enrollment-repo.js';
import type { ImportRepo } from './import-repo.js';
import type { InspectorRepo } from './inspector-repo.js';
import type { LicenceDocumentRepo } from './licence-document-repo.js';
import type { LicenceEventRepo } from './licence-event-repo.js';
import type { LicenceRepo } from './licence-repo.js';
import type { ListRepo } from './list-repo.js';
import type { MachineRepo } from './machine-repo.js';
import type { MetaRepo } from './meta-repo.js';
import type { MoveRepo } from './move-repo.js';
import type { PeopleRepo } from './people-repo.js';
import type { ReportRepo } from './report-repo.js';
import type { ReviewRepo } from './review-repo.js';
import type { SessionRepo } from './session-repo.js';
import type { SnapshotRepo } from './snapshot-repo.js';
import type { SoftwareChangeRepo } from './software-change-repo.js';
import type { SoftwareRepo } from './software-repo.js';
import type { SpotCheckRepo } from './spot-check-repo.js';
import type { StagingRepo } from './staging-repo.js';
import type { TrendRepo } from './trend-repo.js';
import type { UnitRepo } from './unit-repo.js';
import type { VerdictHistoryRepo } from './verdict-history-repo.js';

export interface TxOptions {
  /**
   * False for rows nobody reads until a later durable transaction makes them current
   * (a long software list staged in slices): committed without waiting for the disk,
   * since the durable commit that uses them makes everything before it durable too.
   */
  durable?: boolean;
}

/**
 * Every repository, as one transaction sees it. The contract each store implements:
 * the method set of the SQLite repos, each answering a promise (`Async`), with the
 * behaviour the store contract tests (test/store-contract/) pin down. A service or the
 * engine opens the transaction and writes its rules as one straight line over these.
 */
export interface StoreTx {
  audit: Async<AuditRepo>;
  meta: Async<MetaRepo>;
  units: Async<UnitRepo>;
  enrollments: Async<EnrollmentRepo>;
  adminTokens: Async<AdminTokenRepo>;
  sessions: Async<SessionRepo>;
  agents: Async<AgentRepo>;
  snapshots: Async<SnapshotRepo>;
  software: Async<SoftwareRepo>;
  softwareChanges: Async<SoftwareChangeRepo>;
  staging: Async<StagingRepo>;
  engine: EngineTx;
  machines: Async<MachineRepo>;
  reports: Async<ReportRepo>;
  trend: Async<TrendRepo>;
  imports: Async<ImportRepo>;
  licences: Async<LicenceRepo>;
  licenceEvents: Async<LicenceEventRepo>;
  licenceDocuments: Async<LicenceDocumentRepo>;
  lists: Async<ListRepo>;
  catalogEntries: Async<CatalogEntryRepo>;
  verdictHistory: Async<VerdictHistoryRepo>;
  reviews: Async<ReviewRepo>;
  people: Async<PeopleRepo>;
  moves: Async<MoveRepo>;
  spotChecks: Async<SpotCheckRepo>;
  inspectors: Async<InspectorRepo>;
}

/** Opens the caller's transaction: all of `fn`'s writes commit together, or none do when it throws. */
export type Transaction = <T>(fn: (tx: StoreTx) => Promise<T>, options?: TxOptions) => Promise<T>;
