import type { ChangeSetRow, LicenceEventRow, MachineGroupRow, MachineSheetRow, SeatPriceRow } from './report-repo.js';
import type { TrendDayRow } from './trend-repo.js';
import type { InstalledBetween } from '../classify/context.js';
import type { AuditActor, AuditEntry } from './audit-types.js';
import type { EngineTx } from './engine-types.js';
import type { MachineFacts } from './machine-facts.js';
import type {
  Category,
  Chassis,
  FindingCode,
  IngestResponse,
  MachineStatus,
  SoftwareItem,
  Verdict,
} from '@zhengban/shared';

export interface Unit {
  id: number;
  name: string;
  parentId: number | null;
  createdAt: string;
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

