import type { Chassis, Verdict } from '@zhengban/shared';
import type { MachineKind, MatchedBy, Tristate } from '../schema/spot-checks.js';
import type { AuditEntry, MachineFacts } from './types.js';

/** A machine of a unit's subtree as a spot check draws from it. */
export interface PopulationRow {
  id: string;
  hostname: string;
  unitId: number;
  chassis: Chassis | null;
  hardwareUuid: string | null;
  serial: string | null;
  machineId: string | null;
  user: string | null;
  assetNumber: string | null;
  lastSeen: string | null;
}

export interface NewSpotCheck {
  unitId: number;
  createdAt: string;
  createdBy: string;
  ratio: number;
  min: number;
  seed: string;
  population: number;
  strataJson: string;
  gradingJson: string;
  recheckOf: number | null;
}

export interface SpotCheckRow extends NewSpotCheck {
  id: number;
  unit: string;
  state: 'open' | 'closed';
  closedAt: string | null;
}

/** What the inspector recorded at one PC, as stored. */
export interface RecordRow {
  labelMatches: Tristate;
  agentPresent: Tristate;
  agentReporting: Tristate;
  unreportedJson: string;
  remark: string | null;
  recordedAt: string | null;
  recordedBy: string | null;
}

export interface NewEntry {
  no: number;
  origin: 'drawn' | 'on-site';
  agentId: string | null;
  unitId: number;
  kind: MachineKind;
  hostname: string;
  hardwareUuid: string | null;
  serial: string | null;
  machineId: string | null;
  frozenJson: string | null;
  frozenAt: string | null;
}

export interface EntryRow extends NewEntry, RecordRow {
  id: number;
  unit: string;
}

export interface NewScan {
  entryId: number;
  sha256: string;
  inspector: string;
  signedAt: string;
  matchedBy: MatchedBy | null;
  snapshotJson: string;
  verdictJson: string;
  agentLastSeen: string | null;
  attachedAt: string;
}

export interface ScanRow extends NewScan {
  id: number;
}

export interface UnitChecksRow {
  ledger: Tristate;
  documents: Tristate;
  remark: string | null;
  recordedAt: string;
  recordedBy: string;
}

/**
 * A spot check's reads and writes, synchronous, inside one transaction the caller opens
 * (SpotCheckStore): the service draws and freezes between the reads and the writes, so
 * the sample is taken from the machines as they are when it is written.
 */
export interface SpotCheckTx {
  /** The unit and every unit below it. */
  subtree(unitId: number): number[];
  /** The machines of these units, by id. */
  population(unitIds: readonly number[]): PopulationRow[];
  /** A machine's latest facts and current verdict. */
  evidence(agentId: string): { facts: MachineFacts | null; verdict: Verdict | null };
  agentLastSeen(agentId: string): string | null;
  insert(s: NewSpotCheck): number;
  get(id: number): SpotCheckRow | undefined;
  /** Newest first; of these units only, or all. */
  list(unitIds: readonly number[] | null): SpotCheckRow[];
  close(id: number, at: string): void;
  entries(spotCheckId: number): EntryRow[];
  addEntry(spotCheckId: number, e: NewEntry): number;
  setRecord(entryId: number, r: RecordRow): void;
  scans(spotCheckId: number): ScanRow[];
  scanByHash(spotCheckId: number, sha256: string): ScanRow | undefined;
  addScan(spotCheckId: number, s: NewScan): number;
  unitChecks(spotCheckId: number): UnitChecksRow | undefined;
  setUnitChecks(spotCheckId: number, r: UnitChecksRow): void;
  audit(entry: AuditEntry): void;
}

export interface SpotCheckStore {
  /** Runs fn in one read transaction: a spot check and its machines read at one moment. */
  read<T>(fn: (tx: SpotCheckTx) => T): Promise<T>;
  /** Runs fn in one write transaction, taking the write lock first (a CLI beside serve cannot slip in between). */
  write<T>(fn: (tx: SpotCheckTx) => T): Promise<T>;
}
