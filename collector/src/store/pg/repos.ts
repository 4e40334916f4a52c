import { PgAdminTokenRepo } from './admin-token-repo.js';
import { PgAgentRepo } from './agent-repo.js';
import { PgAuditRepo } from './audit-repo.js';
import { PgCatalogEntryRepo } from './catalog-entry-repo.js';
import { PgEngineRepo } from './engine-repo.js';
import { PgEnrollmentRepo } from './enrollment-repo.js';
import { PgImportRepo } from './import-repo.js';
import { PgInspectorRepo } from './inspector-repo.js';
import { PgLicenceDocumentRepo } from './licence-document-repo.js';
import { PgLicenceEventRepo } from './licence-event-repo.js';
import { PgLicenceRepo } from './licence-repo.js';
import { PgListRepo } from './list-repo.js';
import { PgMachineRepo } from './machine-repo.js';
import { PgMetaRepo } from './meta-repo.js';
import { PgMoveRepo } from './move-repo.js';
import { PgPeopleRepo } from './people-repo.js';
import { PgReportRepo } from './report-repo.js';
import { PgReviewRepo } from './review-repo.js';
import { PgSessionRepo } from './session-repo.js';
import { PgSnapshotRepo } from './snapshot-repo.js';
import { PgSoftwareChangeRepo } from './software-change-repo.js';
import { PgSoftwareRepo } from './software-repo.js';
import { PgSpotCheckRepo } from './spot-check-repo.js';
import { PgStagingRepo } from './staging-repo.js';
import { PgTrendRepo } from './trend-repo.js';
import { PgUnitRepo } from './unit-repo.js';
import { PgVerdictHistoryRepo } from './verdict-history-repo.js';
import type { StoreTx } from '../tx-types.js';
import type { Queryable } from './query.js';

/**
 * The PostgreSQL repos on one queryable: the pool for reads, or a transaction's client.
 * Made per transaction: they hold no statements of their own (node-postgres prepares a
 * named statement once per connection), only the client to send them on.
 */
export function pgRepos(q: Queryable): StoreTx {
  return {
    audit: new PgAuditRepo(q),
    meta: new PgMetaRepo(q),
    units: new PgUnitRepo(q),
    enrollments: new PgEnrollmentRepo(q),
    adminTokens: new PgAdminTokenRepo(q),
    sessions: new PgSessionRepo(q),
    agents: new PgAgentRepo(q),
    snapshots: new PgSnapshotRepo(q),
    software: new PgSoftwareRepo(q),
    softwareChanges: new PgSoftwareChangeRepo(q),
    staging: new PgStagingRepo(q),
    engine: new PgEngineRepo(q),
    machines: new PgMachineRepo(q),
    reports: new PgReportRepo(q),
    trend: new PgTrendRepo(q),
    imports: new PgImportRepo(q),
    licences: new PgLicenceRepo(q),
    licenceEvents: new PgLicenceEventRepo(q),
    licenceDocuments: new PgLicenceDocumentRepo(q),
    lists: new PgListRepo(q),
    catalogEntries: new PgCatalogEntryRepo(q),
    verdictHistory: new PgVerdictHistoryRepo(q),
    reviews: new PgReviewRepo(q),
    people: new PgPeopleRepo(q),
    moves: new PgMoveRepo(q),
    spotChecks: new PgSpotCheckRepo(q),
    inspectors: new PgInspectorRepo(q),
  };
}
