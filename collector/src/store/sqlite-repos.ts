import type { Database } from 'better-sqlite3';
import { AdminTokenRepo } from './admin-token-repo.js';
import { AgentRepo } from './agent-repo.js';
import { asyncView } from './async.js';
import { AuditRepo } from './audit-repo.js';
import { CatalogEntryRepo } from './catalog-entry-repo.js';
import { EngineRepo } from './engine-repo.js';
import { EnrollmentRepo } from './enrollment-repo.js';
import { ImportRepo } from './import-repo.js';
import { InspectorRepo } from './inspector-repo.js';
import { LicenceDocumentRepo } from './licence-document-repo.js';
import { LicenceEventRepo } from './licence-event-repo.js';
import { LicenceRepo } from './licence-repo.js';
import { ListRepo } from './list-repo.js';
import { MachineRepo } from './machine-repo.js';
import { MetaRepo } from './meta-repo.js';
import { MoveRepo } from './move-repo.js';
import { PeopleRepo } from './people-repo.js';
import { ReportRepo } from './report-repo.js';
import { ReviewRepo } from './review-repo.js';
import { SessionRepo } from './session-repo.js';
import { SnapshotRepo } from './snapshot-repo.js';
import { SoftwareChangeRepo } from './software-change-repo.js';
import { SoftwareRepo } from './software-repo.js';
import { SpotCheckRepo } from './spot-check-repo.js';
import { StagingRepo } from './staging-repo.js';
import { TrendRepo } from './trend-repo.js';
import type { StoreTx } from './tx-types.js';
import { UnitRepo } from './unit-repo.js';
import { VerdictHistoryRepo } from './verdict-history-repo.js';

/** The SQLite repos, one of each, with their statements prepared once for the connection. */
export function sqliteRepos(db: Database) {
  const audit = new AuditRepo(db);
  const meta = new MetaRepo(db);
  return {
    audit,
    meta,
    units: new UnitRepo(db),
    enrollments: new EnrollmentRepo(db),
    adminTokens: new AdminTokenRepo(db),
    sessions: new SessionRepo(db),
    agents: new AgentRepo(db),
    snapshots: new SnapshotRepo(db),
    software: new SoftwareRepo(db),
    softwareChanges: new SoftwareChangeRepo(db),
    staging: new StagingRepo(db),
    engine: new EngineRepo(db, meta),
    machines: new MachineRepo(db),
    reports: new ReportRepo(db),
    trend: new TrendRepo(db),
    imports: new ImportRepo(db),
    licences: new LicenceRepo(db),
    licenceEvents: new LicenceEventRepo(db),
    licenceDocuments: new LicenceDocumentRepo(db),
    lists: new ListRepo(db),
    catalogEntries: new CatalogEntryRepo(db),
    verdictHistory: new VerdictHistoryRepo(db),
    reviews: new ReviewRepo(db),
    people: new PeopleRepo(db),
    moves: new MoveRepo(db),
    spotChecks: new SpotCheckRepo(db),
    inspectors: new InspectorRepo(db),
  };
}

export type SqliteRepos = ReturnType<typeof sqliteRepos>;

/** The same repos behind the async contract every service is written against. */
export function sqliteTx(repos: SqliteRepos): StoreTx {
  const view = {} as Record<string, unknown>;
  for (const [name, repo] of Object.entries(repos)) view[name] = asyncView(repo);
  return view as unknown as StoreTx;
}
