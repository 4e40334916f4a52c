import type { ChangeSetRow, LicenceEventRow, MachineGroupRow, MachineSheetRow, SeatPriceRow } from './report-repo.js';
import type { TrendDayRow } from './trend-repo.js';
import type { InstalledBetween } from '../classify/context.js';
import type { EngineStore, EngineTx } from './engine-types.js';
import type { ImportStore } from './import-types.js';
import type { AuditFilter, CatalogEntryStore, HistoryStore, LicenceStore, ListStore, OrgStore, Write } from './registry-types.js';
import type { LabelOutcome, LabelPatch, LabelWriteOptions, MachineIdentity } from './label-types.js';
import type { SessionStore } from './session-types.js';
import type { SpotCheckStore } from './spot-check-types.js';
import type { InspectorStore } from './inspector-types.js';
import type {
  Antivirus,
  Category,
  Chassis,
  CollectionError,
  FindingCode,
  Indicator,
  IngestResponse,
  Machine,
  MachineStatus,
  Observations,
  OfficeSuite,
  OperatingSystem,
  SoftwareItem,
  Verdict,
} from '@zhengban/shared';

/**
 * The collector's storage boundary. Every method is async and every multi-table
 * write is one method, so a PostgreSQL store can implement the same interface with
 * its own transactions. Times are ISO-8601 UTC strings.
 */
export interface Store {
  readonly units: UnitStore;
  readonly org: OrgStore;
  readonly licences: LicenceStore;
  readonly lists: ListStore;
  readonly catalog: CatalogEntryStore;
  readonly history: HistoryStore;
  readonly engine: EngineStore;
  readonly enrollment: EnrollmentStore;
  readonly adminTokens: AdminTokenStore;
  readonly sessions: SessionStore;
  readonly agents: AgentStore;
  readonly ingest: IngestStore;
  readonly machines: MachineStore;
  readonly reports: ReportStore;
  readonly audit: AuditStore;
  readonly imports: ImportStore;
  readonly spotChecks: SpotCheckStore;
  readonly inspectors: InspectorStore;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  /** Resolves when the work left after answers (sweeping a long list's old rows) is done. */
  settled(): Promise<void>;
  /** Closes once that work is done. */
  close(): Promise<void>;
}

export interface Unit {
  id: number;
  name: string;
  parentId: number | null;
  createdAt: string;
}

/** Who made an admin write, for the audit log: `cli` or `token:<id>`. */
export interface AuditActor {
  actor: string;
}

export interface UnitStore {
  findByName(name: string): Promise<Unit | undefined>;
  list(): Promise<Unit[]>;
}

export interface NewEnrollmentToken extends AuditActor {
  tokenHash: string;
  /** Created when it does not exist yet. */
  unitName: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number | null;
  /** Offline tokens only: the air-gapped network its machines belong to ('' for none named). */
  network?: string | null;
}

export interface EnrollmentTokenInfo {
  id: number;
  unit: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number | null;
  uses: number;
  /** null for a token used over HTTP; the network's name for one made with --offline. */
  network: string | null;
}

export interface EnrollmentStore {
  create(token: NewEnrollmentToken): Promise<EnrollmentTokenInfo>;
  list(): Promise<EnrollmentTokenInfo[]>;
}

export type Role = 'admin' | 'viewer';

export interface NewAdminToken extends AuditActor {
  tokenHash: string;
  role: Role;
  /** Must exist; required for a viewer. */
  unitId: number | null;
  createdAt: string;
}

export interface AdminTokenInfo {
  id: number;
  role: Role;
  unitId: number | null;
  unit: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AdminTokenStore {
  create(token: NewAdminToken): Promise<AdminTokenInfo>;
  list(): Promise<AdminTokenInfo[]>;
  /** Finds the token and records its use. */
  use(tokenHash: string, at: string): Promise<AdminTokenInfo | undefined>;
}

export interface NewAgent {
  id: string;
  publicKey: string;
  hostname: string;
  hardwareUuid: string | null;
  machineId: string | null;
  serial: string | null;
  agentVersion: string | null;
  /** Enrolled offline: the network of its request ('' for none named); null over HTTP. */
  network?: string | null;
}

export type EnrollOutcome =
  | { kind: 'enrolled'; unit: string }
  | { kind: 'unknown-token' }
  | { kind: 'expired'; expiresAt: string }
  | { kind: 'used-up'; maxUses: number }
  | { kind: 'key-enrolled'; agentId: string };

export interface AgentKey {
  id: string;
  publicKey: string;
  unitId: number;
  lastSeq: number | null;
  /** What the current verdict was judged from (intake's stateHash); null before the first snapshot. */
  stateHash: string | null;
}

export interface AgentStore {
  /** Checks the token, consumes one use and creates the agent, all or nothing. */
  enroll(tokenHash: string, now: string, agent: NewAgent): Promise<EnrollOutcome>;
  findKey(agentId: string): Promise<AgentKey | undefined>;
}

/** The latest snapshot's facts, kept with the machine for the detail view. */
export interface MachineFacts {
  machine: Machine;
  os: OperatingSystem;
  office: OfficeSuite[];
  antivirus: Antivirus[];
  /** Kept since the registry (issue 5) so a machine can be assessed again without its payload. */
  collectedAt?: string;
  indicators?: Indicator[];
  collectionErrors?: CollectionError[];
  /** Snapshot format 2: what a crack tool may leave, judged again when the catalog changes. */
  observations?: Observations;
}

/** A snapshot as stored, whether judged or not. */
export interface SnapshotRecord {
  snapshotId: string;
  agentId: string;
  seq: number;
  collectedAt: string;
  receivedAt: string;
  /** Where it came from (agents.last_ip); null when not known. */
  clientIp: string | null;
  /** The exact signed text, gzipped. */
  payloadGz: Buffer;
  signature: string;
  /** What a verdict is judged from, hashed (see snapshot-intake.ts). */
  stateHash: string;
}

/** A snapshot whose state is the one the machine's verdict was judged from. */
export interface TouchRecord extends SnapshotRecord {
  /** The current verdict if it still stands (engine/ingest-decide.ts), read inside the transaction. */
  standing: (tx: EngineTx) => { id: number; verdict: Verdict } | undefined;
}

export interface IngestRecord extends SnapshotRecord {
  /** Hash of the software list: when it equals the stored one, the rows are not rewritten. */
  softwareHash: string;
  facts: MachineFacts;
  software: SoftwareItem[];
  /**
   * Judges the machine inside the ingest transaction, after the snapshot, software and
   * software changes are written: the verdict depends on seats other machines hold.
   * `installed`: lower-cased name → install, for programs that appeared after the first snapshot.
   */
  decide: (tx: EngineTx, agent: { unitId: number; installed: ReadonlyMap<string, InstalledBetween> }) => Verdict;
}

export type IngestOutcome =
  | { kind: 'stored'; softwareRewritten: boolean; verdict: Verdict }
  | { kind: 'duplicate'; response: IngestResponse }
  | { kind: 'seq-replay'; lastSeq: number }
  | { kind: 'snapshot-conflict' };

export interface IngestStore {
  /**
   * Stores a snapshot that changed nothing: the snapshot row and the machine heard from,
   * in one transaction, answered with the standing verdict; `judge` when the state or the
   * rules moved meanwhile (then `commit` it).
   */
  touch(record: TouchRecord): Promise<IngestOutcome | { kind: 'judge' }>;
  /** Retention, one slice (one short transaction): see SnapshotRepo.pruneSlice. */
  pruneSlice(after: number, before: string, span: number, at: string): Promise<{ pruned: number; next: number | null }>;
  /** The stored answer to this agent's snapshot, if it was accepted before. */
  findResponse(agentId: string, snapshotId: string): Promise<IngestResponse | undefined>;
  /** Stores snapshot, machine state, software and verdict in one transaction, re-checking duplicate and seq inside it. */
  commit(record: IngestRecord): Promise<IngestOutcome>;
}

export interface MachineFilter {
  status?: MachineStatus | 'stale';
  /** A unit name: the machines of it and its subunits. */
  unit?: string;
  /** A viewer's unit: nothing outside it and its subunits. */
  scopeUnitId?: number;
  /** The machine with this asset number (ASCII case ignored). */
  assetNumber?: string;
  /**
   * Machines whose current verdict fails a category (this one, or any) for a failed
   * finding (of this code, or any): `pairs` are the verdicts' pairs of outlines that do
   * (outline-index.ts); a verdict from before outlines is searched in its own findings
   * for a failed one of that category and code.
   */
  failing?: { category?: Category; code?: FindingCode; pairs: readonly string[] };
  /** A part of the OS name. */
  os?: string;
  /** Judged and heard from within the window (true), or not (false): the reports' "reporting". */
  reporting?: boolean;
  /** A part of the host name, user, asset number or last address. */
  q?: string;
  sort?: MachineSort;
  /** Machines last seen (or enrolled, if never seen) before this are stale. */
  staleBefore: string;
  limit: number;
  offset: number;
}

/** A column to sort the machine list by; a leading `-` sorts it descending. */
export type MachineSort = 'hostname' | '-hostname' | 'unit' | '-unit' | 'status' | '-status' | 'lastSeen' | '-lastSeen';

export interface MachineRow {
  id: string;
  hostname: string;
  unit: string;
  unitId: number;
  status: MachineStatus;
  stale: boolean;
  chassis: Chassis | null;
  osName: string | null;
  lastSeen: string | null;
  user: string | null;
  assetNumber: string | null;
  ip: string | null;
}

export interface MachineDetailRow extends MachineRow {
  hardwareUuid: string | null;
  machineId: string | null;
  serial: string | null;
  agentVersion: string | null;
  enrolledAt: string;
  lastSeq: number | null;
  lastSnapshotId: string | null;
  softwareCount: number;
  facts: MachineFacts | null;
  verdict: Verdict | null;
}

/** Machines as they stood at a moment, for the campaign's reports (report-repo.ts). */
export interface ReportStore {
  machineGroups(asOf: string | undefined, staleBefore: string): Promise<MachineGroupRow[]>;
  outline(id: number): Promise<string | undefined>;
  outlinesAfter(id: number): Promise<{ id: number; json: string }[]>;
  legacyFindings(verdictId: number): Promise<string | undefined>;
  /** `unitIds`: only the machines in these units (at the moment); all when left out. */
  machineSheets(asOf: string | undefined, unitIds?: readonly number[]): Promise<MachineSheetRow[]>;
  changeSets(from: string, to: string): Promise<ChangeSetRow[]>;
  seatPrices(): Promise<SeatPriceRow[]>;
  licenceEvents(from: string, to: string): Promise<LicenceEventRow[]>;
  /** The dashboard's trend (trend-repo.ts): days counted, their rows, and a day written whole. */
  trendCounted(from: string, to: string, staleAfterMs: number): Promise<string[]>;
  trendRows(from: string, to: string, staleAfterMs: number): Promise<TrendDayRow[]>;
  saveTrendDay(day: string, staleAfterMs: number, rows: readonly Omit<TrendDayRow, 'day'>[], at: string): Promise<void>;
  firstReport(): Promise<string | null>;
}

export interface MachineStore {
  list(filter: MachineFilter): Promise<{ rows: MachineRow[]; total: number }>;
  get(id: string, scope: { scopeUnitId?: number; staleBefore: string }): Promise<MachineDetailRow | undefined>;
  softwareOf(id: string): Promise<SoftwareItem[]>;
  /** Machines with one of these ids, or one of these hostnames (ASCII case ignored). */
  identities(ids: readonly string[], hostnames: readonly string[]): Promise<MachineIdentity[]>;
  /** The pairs of outlines the machines' current verdicts have (agents.outline_id, entitlement_outline_id). */
  outlinePairs(): Promise<{ outlineId: number | null; entitlementOutlineId: number | null }[]>;
  /**
   * Sets users and asset numbers of many machines in one transaction, all or nothing,
   * with an audit entry per machine changed. Refuses unknown machines and asset numbers
   * another machine holds or is given in the batch.
   */
  setLabels(patches: readonly LabelPatch[], w: Write, options?: LabelWriteOptions): Promise<LabelOutcome>;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditStore {
  /** Newest first. */
  list(filter: AuditFilter): Promise<(AuditEntry & { id: number })[]>;
  /** For writes that are not a store write of their own (a requested re-judge). */
  record(entry: AuditEntry): Promise<void>;
}
