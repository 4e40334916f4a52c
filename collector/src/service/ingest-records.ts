import type { IngestResponse, SoftwareItem, Verdict } from '@zhengban/shared';
import type { InstalledBetween } from '../classify/context.js';
import type { EngineTx } from '../store/engine-types.js';
import type { MachineFacts } from '../store/machine-facts.js';

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
  standing: (tx: EngineTx) => Promise<{ id: number; verdict: Verdict } | undefined>;
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
  decide: (tx: EngineTx, agent: { unitId: number; installed: ReadonlyMap<string, InstalledBetween> }) => Promise<Verdict>;
}

export type IngestOutcome =
  | { kind: 'stored'; softwareRewritten: boolean; verdict: Verdict }
  | { kind: 'duplicate'; response: IngestResponse }
  | { kind: 'seq-replay'; lastSeq: number }
  | { kind: 'snapshot-conflict' };
