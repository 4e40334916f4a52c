import type { Chassis, Verdict } from '@zhengban/shared';
import type { MachineKind, MatchedBy, Tristate } from '../schema/spot-checks.js';
import type { MachineFacts } from './machine-facts.js';

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
