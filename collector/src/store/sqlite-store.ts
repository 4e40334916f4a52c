import type { Database } from 'better-sqlite3';
import { AdminTokenRepo } from './admin-token-repo.js';
import { AgentRepo } from './agent-repo.js';
import { createCatalogEntryStore } from './catalog-entry-store.js';
import { storeContext } from './context.js';
import { createEngineStore } from './engine-store.js';
import { EngineRepo } from './engine-repo.js';
import { SoftwareChangeRepo } from './software-change-repo.js';
import { createIngestStore, sweepStaging } from './ingest-store.js';
import { StagingRepo } from './staging-repo.js';
import type { EngineStore } from './engine-types.js';
import { createHistoryStore } from './history-store.js';
import { createLicenceStore } from './licence-store.js';
import { createListStore } from './list-store.js';
import { createOrgStore } from './org-store.js';
import type { CatalogEntryStore, HistoryStore, LicenceStore, ListStore, OrgStore } from './registry-types.js';
import { EnrollmentRepo } from './enrollment-repo.js';
import { ImportRepo } from './import-repo.js';
import type { ImportStore, NewBundleImport } from './import-types.js';
import { createLabelWriter } from './machine-label-store.js';
import { MachineRepo } from './machine-repo.js';
import { ReportRepo } from './report-repo.js';
import { TrendRepo } from './trend-repo.js';
import { SnapshotRepo } from './snapshot-repo.js';
import { createSessionStore } from './session-repo.js';
import type { SessionStore } from './session-types.js';
import { createSpotCheckStore } from './spot-check-store.js';
import type { SpotCheckStore } from './spot-check-types.js';
import { createInspectorStore } from './inspector-repo.js';
import type { InspectorStore } from './inspector-types.js';
import { SoftwareRepo } from './software-repo.js';
import type {
  AdminTokenStore,
  AgentStore,
  AuditStore,
  EnrollmentStore,
  IngestStore,
  MachineStore,
  ReportStore,
  Store,
  UnitStore,
} from './types.js';

/**
 * The Store on better-sqlite3. Repos hold the SQL; this class only composes them into
 * transactions. better-sqlite3 is synchronous, so each method runs to completion
 * before another request's code runs: this process is the one writer.
 */
export class SqliteStore implements Store {
  readonly units: UnitStore;
  readonly enrollment: EnrollmentStore;
  readonly adminTokens: AdminTokenStore;
  readonly sessions: SessionStore;
  readonly agents: AgentStore;
  readonly ingest: IngestStore;
  readonly machines: MachineStore;
  readonly reports: ReportStore;
  readonly audit: AuditStore;
  readonly imports: ImportStore;
  readonly org: OrgStore;
  readonly licences: LicenceStore;
  readonly lists: ListStore;
  readonly catalog: CatalogEntryStore;
  readonly history: HistoryStore;
  readonly engine: EngineStore;
  readonly spotChecks: SpotCheckStore;
  readonly inspectors: InspectorStore;

  private readonly ingestWork: { settled(): Promise<void> };

  /** `onBackgroundError` hears work done after an answer (a sweep) that failed; it is retried later. */
  constructor(
    private readonly db: Database,
    options: { onBackgroundError?: (err: unknown) => void } = {},
  ) {
    const onBackgroundError = options.onBackgroundError ?? ((err: unknown) => process.emitWarning(`zhengban store: background work failed, to be retried: ${(err as Error).message}`));
    const ctx = storeContext(db);
    const { units, audit, tx } = ctx;
    const enrollments = new EnrollmentRepo(db);
    const adminTokens = new AdminTokenRepo(db);
    const agents = new AgentRepo(db);
    const snapshots = new SnapshotRepo(db);
    const software = new SoftwareRepo(db);
    const machines = new MachineRepo(db);
    const reports = new ReportRepo(db);
    const trend = new TrendRepo(db);

    this.units = {
      findByName: async (name) => units.findByName(name),
      list: async () => units.list(),
    };

    const createEnrollment = tx((t: Parameters<EnrollmentStore['create']>[0]) => {
      const unit = units.ensure(t.unitName, t.createdAt);
      const info = enrollments.insert({ ...t, unitId: unit.id, network: t.network ?? null });
      audit.record({
        at: t.createdAt,
        actor: t.actor,
        action: 'enrollment-token.create',
        target: unit.name,
        detail: { id: info.id, expiresAt: t.expiresAt, maxUses: t.maxUses, ...(t.network != null ? { offline: true, network: t.network } : {}) },
      });
      return info;
    });
    this.enrollment = {
      create: async (t) => createEnrollment(t),
      list: async () => enrollments.list(),
    };

    const createAdminToken = tx((t: Parameters<AdminTokenStore['create']>[0]) => {
      const info = adminTokens.insert(t);
      audit.record({
        at: t.createdAt,
        actor: t.actor,
        action: 'admin-token.create',
        target: info.unit,
        detail: { id: info.id, role: info.role },
      });
      return info;
    });
    this.adminTokens = {
      create: async (t) => createAdminToken(t),
      list: async () => adminTokens.list(),
      use: async (hash, at) => {
        const info = adminTokens.findByHash(hash);
        if (info) adminTokens.touch(info.id, at);
        return info;
      },
    };
    this.sessions = createSessionStore(ctx);

    const enroll = tx((...[hash, now, agent]: Parameters<AgentStore['enroll']>) => {
      const token = enrollments.findByHash(hash);
      if (!token) return { kind: 'unknown-token' } as const;
      if (token.expires_at <= now) return { kind: 'expired', expiresAt: token.expires_at } as const;
      if (token.max_uses !== null && token.uses >= token.max_uses) return { kind: 'used-up', maxUses: token.max_uses } as const;
      // Checked after the token, so a stranger learns nothing about keys, and before the use is spent.
      const holder = agents.withKey(agent.publicKey);
      if (holder) return { kind: 'key-enrolled', agentId: holder } as const;
      enrollments.consume(token.id);
      agents.insert({ ...agent, network: agent.network ?? null, unitId: token.unit_id, enrollmentTokenId: token.id, enrolledAt: now });
      return { kind: 'enrolled', unit: token.unit } as const;
    });
    this.agents = {
      enroll: async (hash, now, agent) => enroll(hash, now, agent),
      findKey: async (id) => {
        const a = agents.find(id);
        return a && { id: a.id, publicKey: a.publicKey, unitId: a.unitId, lastSeq: a.lastSeq, stateHash: a.stateHash };
      },
    };

    const changes = new SoftwareChangeRepo(db);
    const engine = new EngineRepo(db, ctx.meta);
    const staging = new StagingRepo(db);
    const ingestRepos = { snapshots, agents, software, changes, staging, engine };
    sweepStaging(db, ingestRepos);
    const ingest = createIngestStore(db, ingestRepos, onBackgroundError);
    const setLabels = createLabelWriter(ctx, machines);
    this.ingest = ingest;
    this.ingestWork = ingest;

    const importRepo = new ImportRepo(db);
    const recordImport = tx((row: NewBundleImport) => {
      const id = importRepo.insert(row);
      audit.record({
        at: row.importedAt,
        actor: row.actor,
        action: 'bundle.import',
        target: row.network || row.fileName,
        detail: { id, sha256: row.sha256, file: row.fileName, entries: row.entries, accepted: row.accepted, duplicates: row.duplicates, refused: row.refused },
      });
      return id;
    });
    this.imports = {
      earlier: async (sha) => importRepo.earlier(sha),
      record: async (row) => recordImport(row),
      list: async (limit) => importRepo.list(limit),
      find: async (id) => importRepo.find(id),
      networkMachines: async (network, agentIds) => importRepo.networkMachines(network, agentIds),
    };

    this.machines = {
      list: async (f) => machines.list(f),
      get: async (id, scope) => machines.get(id, scope),
      softwareOf: async (id) => software.list(id),
      identities: async (ids, hostnames) => machines.identities(ids, hostnames),
      outlinePairs: async () => machines.outlinePairs(),
      setLabels: async (patches, w, options) => setLabels(patches, w, options),
    };
    this.reports = {
      machineGroups: async (asOf, staleBefore) => reports.machineGroups(asOf, staleBefore),
      outline: async (id) => reports.outline(id),
      outlinesAfter: async (id) => reports.outlinesAfter(id),
      legacyFindings: async (id) => reports.legacyFindings(id),
      machineSheets: async (asOf, unitIds) => reports.machineSheets(asOf, unitIds),
      changeSets: async (from, to) => reports.changeSets(from, to),
      seatPrices: async () => reports.seatPrices(),
      licenceEvents: async (from, to) => reports.licenceEvents(from, to),
      trendCounted: async (from, to, window) => trend.counted(from, to, window),
      trendRows: async (from, to, window) => trend.rows(from, to, window),
      saveTrendDay: async (day, window, rows, at) => trend.save(day, window, rows, at),
      firstReport: async () => reports.firstReport(),
    };
    this.audit = { list: async (filter) => audit.list(filter), record: async (e) => audit.record(e) };
    this.org = createOrgStore(ctx);
    this.licences = createLicenceStore(ctx);
    this.lists = createListStore(ctx);
    this.catalog = createCatalogEntryStore(ctx);
    this.history = createHistoryStore(ctx);
    this.engine = createEngineStore(ctx);
    this.spotChecks = createSpotCheckStore(ctx);
    this.inspectors = createInspectorStore(ctx);
  }

  async ping(): Promise<void> {
    this.db.pragma('user_version', { simple: true });
  }

  /** Work left after answers, done: a test reads the rows after a long list's old one is swept. */
  settled(): Promise<void> {
    return this.ingestWork.settled();
  }

  async close(): Promise<void> {
    await this.ingestWork.settled();
    if (this.db.open) this.db.close();
  }
}
